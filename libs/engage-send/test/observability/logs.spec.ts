import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageSendModule, EngageSendService, getEngageSendServiceToken } from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';

const logger = new CapturingLogger();
let emulator: EngageEmulator;
let moduleRef: TestingModule;
let engage: EngageSendService;

beforeAll(async () => {
  emulator = await startEmulator();
  const base = { baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, retry: { baseDelayMs: 5 } };
  moduleRef = await Test.createTestingModule({
    imports: [EngageSendModule.forRoot(base), EngageSendModule.forRoot({ ...base, name: 'support' })],
  })
    .setLogger(logger)
    .compile();
  moduleRef.useLogger(logger);
  engage = moduleRef.get(EngageSendService);
});
afterAll(async () => {
  await moduleRef.close();
  await emulator.stop();
});
beforeEach(() => {
  logger.lines.length = 0;
  emulator.reset();
});

it('one warn line per failure, in the EngageSend context, with action, source, status, attempts and duration', async () => {
  emulator.injectFaults({ status: 503, body: 'down' }, 3);
  await expect(engage.messages.create(aMessage() as never)).rejects.toThrow();
  const warnings = logger.lines.filter((l) => l.startsWith('warn'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(
    new RegExp(`^warn messages\\.create to source ${SOURCE.id} failed: ENGAGE_SERVER_ERROR \\(HTTP 503\\), 3 attempt\\(s\\), \\d+\\.\\d ms EngageSend$`),
  );
});

it('a debug line per success, none at warn', async () => {
  await engage.status.markAsRead({ id: 'm1' });
  expect(logger.lines.filter((l) => l.startsWith('warn'))).toHaveLength(0);
  expect(logger.lines.filter((l) => l.startsWith('debug'))).toEqual([
    expect.stringMatching(new RegExp(`^debug status\\.mark_as_read to source ${SOURCE.id}: 200 in \\d+\\.\\d ms, 1 attempt\\(s\\) EngageSend$`)),
  ]);
});

it('a named registration logs under its own context', async () => {
  await moduleRef.get<EngageSendService>(getEngageSendServiceToken('support')).status.markAsRead({ id: 'm1' });
  expect(logger.lines.at(-1)).toMatch(/ EngageSend:support$/);
});
