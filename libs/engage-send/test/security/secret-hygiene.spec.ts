import { inspect } from 'node:util';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { EngageSendModule, EngageSendService, getEngageSendServiceToken, MAX_BODY_BYTES, toHttpAnswer, type EngageSendError } from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { aMessage as aPlainMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';
import { TelemetryFixture } from '../support/telemetry.fixture.js';

// Every message carries this body: it must not surface anywhere either.
const BODY = 'BODY-CANARY-7c1e private words';
const aMessage = (overrides: Record<string, unknown> = {}) => aPlainMessage({ body: BODY, ...overrides });

const telemetry = new TelemetryFixture();
const logger = new CapturingLogger();
const WRONG_TOKEN = 'wrong-token-5e1d-SECRET';
let emulator: EngageEmulator;

beforeAll(async () => {
  telemetry.register();
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
  await telemetry.shutdown();
});

it('the token, signatures and message bodies appear in no log line, span, event, metric, error message, serialised or inspected error', async () => {
  // Single attempts and no client-side pacing, so each failure below reaches the caller;
  // the 'retrying' registration covers the retry path.
  const base = { baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, retry: false as const, typingPacing: 'off' as const };
  const moduleRef = await Test.createTestingModule({
    imports: [
      EngageSendModule.forRoot(base),
      EngageSendModule.forRoot({ ...base, name: 'retrying', retry: { baseDelayMs: 10 }, typingPacing: 'coalesce' }),
      EngageSendModule.forRoot({ ...base, name: 'wrong', accessToken: WRONG_TOKEN }),
      EngageSendModule.forRoot({ ...base, name: 'slow', timeoutMs: 100 }),
    ],
  })
    .setLogger(logger)
    .compile();
  moduleRef.useLogger(logger);
  const engage = moduleRef.get(EngageSendService);
  const wrong = moduleRef.get<EngageSendService>(getEngageSendServiceToken('wrong'));
  const slow = moduleRef.get<EngageSendService>(getEngageSendServiceToken('slow'));
  const retrying = moduleRef.get<EngageSendService>(getEngageSendServiceToken('retrying'));
  const errors: EngageSendError[] = [];
  const collect = (p: Promise<unknown>) => p.then(() => undefined, (e: EngageSendError) => void errors.push(e));

  // Successes on every action, then every kind of failure.
  await engage.messages.create(aMessage() as never);
  await engage.threads.create({ id: 't', author: { id: 'u', screenname: 'U' }, body: 'b' });
  await engage.users.create({ id: 'u', screenname: 'U', created_at: '2024-01-01', updated_at: '2024-01-01' });
  await engage.privateMessages.create({ id: 'p', author: { id: 'u', screenname: 'U' }, recipient: { id: 'a', screenname: 'A' }, body: 'b' });
  await engage.status.markAsRead({ id: 'm' });
  await engage.typing.start({ thread_id: 'x', preview: 'p' });
  await collect(engage.typing.start({ thread_id: 'x', preview: 'p' })); // 429
  await engage.typing.stop({ thread_id: 'x' });
  await collect(wrong.messages.create(aMessage() as never)); // Invalid signature: the wrong token was used to sign
  await collect(engage.messages.create(aMessage({ id: 42 }) as never)); // validation
  await collect(engage.messages.create(aMessage({ body: 'x'.repeat(10), attachments: [{ content: 'A'.repeat(MAX_BODY_BYTES), filename: 'a.bin' }] }) as never));
  emulator.injectFaults({ delayMs: 500 }, 1);
  await collect(slow.messages.create(aMessage() as never)); // timeout
  emulator.injectFaults({ drop: 'before-read' }, 1);
  await collect(engage.messages.create(aMessage() as never)); // connection
  emulator.injectFaults({ status: 503, body: 'down' }, 1);
  await collect(engage.messages.create(aMessage() as never)); // 5xx
  emulator.injectFaults({ status: 503, body: 'down' }, 1);
  await retrying.messages.create(aMessage() as never); // retried, then delivered
  await retrying.typing.start({ thread_id: 'y', preview: 'p' });
  await retrying.typing.start({ thread_id: 'y', preview: 'p' }); // coalesced
  emulator.injectFaults({ status: 503, body: 'down' }, 3);
  await collect(retrying.messages.create(aMessage() as never)); // retries exhausted

  expect(errors.map((e) => e.code)).toEqual([
    'ENGAGE_RATE_LIMITED',
    'ENGAGE_INVALID_SIGNATURE',
    'ENGAGE_VALIDATION',
    'ENGAGE_PAYLOAD_TOO_LARGE',
    'ENGAGE_TIMEOUT',
    'ENGAGE_CONNECTION',
    'ENGAGE_SERVER_ERROR',
    'ENGAGE_SERVER_ERROR',
  ]);
  expect(errors.at(-1)?.attempts).toBe(3);
  const signatures = [...emulator.requests.map((r) => r.signature)];
  expect(signatures.length).toBeGreaterThanOrEqual(7);
  expect(logger.lines.some((l) => l.includes('ENGAGE_INVALID_SIGNATURE'))).toBe(true); // failures are logged

  const haystacks = [
    ...logger.lines,
    ...errors.map((e) => e.message),
    ...errors.map((e) => JSON.stringify(e)),
    ...errors.map((e) => inspect(e, { depth: 10, showHidden: true })),
    ...errors.map((e) => JSON.stringify(toHttpAnswer(e))),
    JSON.stringify(telemetry.spans.getFinishedSpans().map((s) => ({ n: s.name, a: s.attributes, s: s.status, e: s.events }))),
    JSON.stringify(await telemetry.collectMetrics()),
    inspect(engage, { depth: 6 }),
  ];
  expect(telemetry.spans.getFinishedSpans().length).toBeGreaterThan(20);
  expect(emulator.requests.some((r) => r.params.body === BODY)).toBe(true); // the body did go to Engage
  for (const secret of [SOURCE.accessToken, WRONG_TOKEN, BODY, ...signatures]) {
    for (const text of haystacks) expect(text).not.toContain(secret);
  }
  await moduleRef.close();
});
