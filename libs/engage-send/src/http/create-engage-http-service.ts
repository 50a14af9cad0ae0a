import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { MAX_BODY_BYTES } from '../errors/payload-too-large.error.js';
import type { EngageSendConfig } from '../options/resolved-config.js';
import { SigningInterceptor } from '../signing/signing.interceptor.js';

/** Engage answers `ok` or a one-line message: anything longer than this is not Engage. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Builds the `HttpService` of one registration, on an axios instance of its
 * own: the signing interceptor and the settings below must never leak onto
 * an instance the app shares (nor another source's token onto this one).
 *
 * We build the instance here rather than importing `HttpModule.register()`,
 * because Nest de-duplicates identical dynamic-module imports: two named
 * registrations would silently share one instance, and one signing key.
 */
export function createEngageHttpService(config: EngageSendConfig): HttpService {
  const instance = axios.create({
    timeout: config.timeoutMs,
    // A signed body must never be replayed to another host.
    maxRedirects: 0,
    maxBodyLength: MAX_BODY_BYTES,
    maxContentLength: MAX_RESPONSE_BYTES,
    responseType: 'text',
    // The service serialises once and signs that string; axios must send it untouched.
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    // Every status is an answer to classify, not an exception to unwrap.
    validateStatus: () => true,
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new HttpsAgent({ keepAlive: true }),
    headers: {
      ...config.headers,
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'text/plain, application/json',
    },
  });
  instance.interceptors.request.use(new SigningInterceptor(config.signingKey).intercept, undefined, {
    synchronous: true,
  });
  return new HttpService(instance);
}

/** Closes the keep-alive sockets of a registration's HTTP service. */
export function destroyEngageHttpService(http: HttpService): void {
  const { httpAgent, httpsAgent } = http.axiosRef.defaults;
  (httpAgent as HttpAgent | undefined)?.destroy();
  (httpsAgent as HttpsAgent | undefined)?.destroy();
}
