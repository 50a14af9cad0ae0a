import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpHealthIndicator, type HealthIndicatorResult } from '@nestjs/terminus';
import type { DemoConfig } from '../demo-config.js';

/** Whether the demo sends to the embedded emulator (`true`) or to a real Engage. */
export const SENDS_TO_EMBEDDED_EMULATOR = Symbol('SENDS_TO_EMBEDDED_EMULATOR');

/** Longest wait for Engage's answer: a health check must answer quickly itself. */
const TIMEOUT_MS = 3_000;

/**
 * Whether Engage (or the embedded emulator) answers at its base URL: any HTTP
 * answer counts (the emulator answers 404 there, Engage a page), no answer
 * (refused, reset, timed out) does not. A plain GET, unsigned: nothing is sent.
 */
@Injectable()
export class EngageHealthIndicator {
  constructor(
    private readonly http: HttpHealthIndicator,
    private readonly config: ConfigService<DemoConfig, true>,
    @Inject(SENDS_TO_EMBEDDED_EMULATOR) private readonly embedded: boolean,
  ) {}

  async isAnswering<Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const url = this.config.get('engage.baseUrl', { infer: true });
    let httpStatus: number | undefined;
    const result = await this.http.responseCheck(
      key,
      url,
      (response) => {
        httpStatus = response.status;
        return true;
      },
      { timeout: TIMEOUT_MS, maxRedirects: 0, validateStatus: () => true },
    );
    Object.assign(result[key], { target: this.embedded ? 'embedded-emulator' : 'engage', url, ...(httpStatus === undefined ? {} : { httpStatus }) });
    return result;
  }
}
