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

it('a field Engage ignores is sent as given and said once per action and field, with a hint', async () => {
  await engage.messages.create(aMessage({ id: 'w1', thread_Id: 'x' }) as never);
  await engage.messages.create(aMessage({ id: 'w2', thread_Id: 'y' }) as never);
  await engage.messages.create(aMessage({ id: 'w3', attachments: [{ url: 'https://example.com/a.png', nmae: 'a' }, { url: 'https://example.com/b.png', nmae: 'b' }] }) as never);
  expect(emulator.requests.map((r) => r.params['thread_Id'])).toEqual(['x', 'y', undefined]);
  const warnings = logger.lines.filter((l) => l.startsWith('warn'));
  expect(warnings).toEqual([
    'warn messages.create: params.thread_Id is not part of the Send API contract (did you mean "thread_id"?); Engage ignores it, sent as given. Said once per action and field. EngageSend',
    'warn messages.create: params.attachments.*.nmae is not part of the Send API contract; Engage ignores it, sent as given. Said once per action and field. EngageSend',
  ]);
});
