import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageSendModule, EngageSendService, EngageValidationError, type UnknownPropertiesMode } from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { SOURCE, startEmulator } from '../support/emulator.fixture.js';
import { INVALID_CASES, VALID_CASES } from '../validation/field-rules.cases.js';

// Replays the field-rule tables through the real service and a real emulator:
// invalid params must be refused with the field named and reach nothing;
// valid ones must be accepted by Engage's (emulated) own checks.
describe('validation happens before anything is sent', () => {
  let emulator: EngageEmulator;
  const modules = new Map<string, TestingModule>();

  /** One registration per set of source options (and mode); the emulated source declares the same options. */
  async function serviceFor(sourceOptions: readonly string[] = [], unknownProperties?: UnknownPropertiesMode): Promise<EngageSendService> {
    const key = `${[...sourceOptions].sort().join(',')} ${unknownProperties ?? ''}`;
    let moduleRef = modules.get(key);
    if (!moduleRef) {
      const id = `src-${modules.size}`;
      emulator.addSource({
        id,
        accessToken: SOURCE.accessToken,
        options: ['view.messaging', 'messaging.typing_indicator', ...sourceOptions],
      });
      moduleRef = await Test.createTestingModule({
        imports: [EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: id, accessToken: SOURCE.accessToken, sourceOptions, unknownProperties })],
      }).compile();
      modules.set(key, moduleRef);
    }
    return moduleRef.get(EngageSendService);
  }

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    for (const moduleRef of modules.values()) await moduleRef.close();
    await emulator.stop();
  });

  it.each(INVALID_CASES.map((c) => [c.rule, c] as const))('refuses: %s', async (_rule, c) => {
    const engage = await serviceFor(c.sourceOptions, c.mode);
    emulator.reset();
    const error = await engage.send(c.action, c.params as never).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EngageValidationError);
    const paths = (error as EngageValidationError).errors.map((e) => e.path);
    expect(paths.some((path) => (c.pathPrefix ? path.startsWith(c.path) : path === c.path))).toBe(true);
    expect((error as EngageValidationError).message).toContain(c.path);
    expect(emulator.received).toBe(0);
  });

  it.each(VALID_CASES.map((c) => [c.name, c] as const))('sends and Engage accepts: %s', async (_name, c) => {
    const engage = await serviceFor(c.sourceOptions);
    emulator.reset();
    await expect(engage.send(c.action, c.params as never)).resolves.toMatchObject({ status: 200 });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0].action).toBe(c.action);
  });
});
