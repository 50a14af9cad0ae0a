import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import fc from 'fast-check';
import {
  EngageConnectionError,
  EngageQueueTimeoutError,
  EngageRateLimitError,
  EngageSendModule,
  EngageSendService,
  EngageServerError,
  EngageValidationError,
  toHttpAnswer,
  type EngageSendModuleOptions,
  type UnknownPropertiesMode,
} from '../../src/index.js';
import { MAX_RETRY_AFTER_SECONDS } from '../../src/filters/engage-error-http-answer.js';
import { ParamsValidator } from '../../src/validation/params-validator.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { aMessage } from '../support/emulator.fixture.js';
import { RecordingServer } from '../support/recording-server.js';
import { TelemetryFixture } from '../support/telemetry.fixture.js';
import { closedPort, emulatorFixture, rejectionOf, until } from '../reliability/reliability-kit.js';

// The library's share of the hardening issue, one test per finding: whatever a
// caller hands it, validation takes time linear in the input and answers in a
// few KB; a deadline that passes in the queue says nothing was sent; nothing
// an upstream echoes back (the signature) reaches an error or a log.

/** Runs `fn` and reports how long it took and the longest event-loop stall meanwhile, in ms. */
async function measured<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number; maxStallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  // Let the monitor take a first sample before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const value = await fn();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const ms = performance.now() - started - 40;
  histogram.disable();
  return { value, ms, maxStallMs: histogram.max / 1e6 };
}

/** An object with `n` keys, built without spreading. */
function withKeys(n: number, key = (i: number) => `k${i}`, value: unknown = 'v'): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) object[key(i)] = value;
  return object;
}

/** The pathological shapes the attacker's report used, and a few more, each about 1–5 MB. */
const SHAPES: [string, () => Record<string, unknown>][] = [
  ['100 000 unknown keys at the top', () => ({ ...aMessage(), ...withKeys(100_000) })],
  ['100 000 keys in context_data', () => aMessage({ context_data: withKeys(100_000, (i) => `k${'x'.repeat(i % 7)}${String.fromCharCode(97 + (i % 26))}${i}`) })],
  ['a 5-million-character unknown key', () => ({ ...aMessage(), [`thread_id${'x'.repeat(5_000_000)}`]: '42' })],
  ['a 5-million-character value in an enum field', () => aMessage({ format: 'x'.repeat(5_000_000) })],
  ['40 000 bad attachments', () => aMessage({ attachments: Array.from({ length: 40_000 }, (_, i) => ({ url: `ftp://x/${i}`, [`k${i}`]: i })) })],
  ['an array of 200 000 nulls', () => aMessage({ categories: new Array(200_000).fill(null) })],
  ['nesting 10 000 levels deep', () => {
    const root: Record<string, unknown> = {};
    let node = root;
    for (let i = 0; i < 10_000; i++) node = (node['n'] = {}) as Record<string, unknown>;
    return aMessage({ extra: root });
  }],
];

describe('validation is bounded in time and in what it says, whatever the shape of the params', () => {
  for (const mode of ['forward', 'reject'] as UnknownPropertiesMode[]) {
    const validator = new ParamsValidator({ unknownProperties: mode });
    it.each(SHAPES)(`${mode}: %s — answered in well under a second, without stalling the event loop, in a few KB`, async (_name, build) => {
      const params = build();
      const { value: result, ms, maxStallMs } = await measured(() => validator.validate('messages.create', params));
      // Generous bounds (the machine is shared): the report measured 11 s to 232 s before.
      expect(ms).toBeLessThan(1_000);
      expect(maxStallMs).toBeLessThan(1_000);
      if (!result.ok) {
        const error = new EngageValidationError(result.errors, { action: 'messages.create' }, result.unlisted);
        expect(JSON.stringify(toHttpAnswer(error).body).length).toBeLessThan(4_096);
        expect(error.message.length).toBeLessThan(2_048);
      }
    });
  }

  it('validation time per byte stays within a constant bound for generated params up to 2 MB of any shape', () => {
    const validator = new ParamsValidator({ unknownProperties: 'reject' });
    // JSON of any shape, grown to a size, hung under a known or an unknown field.
    const blob = fc.oneof(
      fc.integer({ min: 1, max: 40_000 }).map((n) => withKeys(n)),
      fc.integer({ min: 1, max: 200_000 }).map((n) => new Array(n).fill({ a: 1 })),
      fc.integer({ min: 1, max: 2_000_000 }).map((n) => 'é'.repeat(n)),
      fc.integer({ min: 1, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => withKeys(5, (k) => `k${i}-${k}`))),
      fc.anything({ maxDepth: 6, maxKeys: 40 }),
    );
    const where = fc.constantFrom('attachments', 'context_data', 'author', 'extra', 'structured_content', 'body');
    let worstNsPerByte = 0;
    let worst = '';
    fc.assert(
      fc.property(blob, where, (value, field) => {
        const params = aMessage({ [field]: value });
        // Below 100 KB, fixed costs (a first listing through class-validator) dominate: count them as 100 KB.
        const bytes = Math.max(100_000, JSON.stringify(params)?.length ?? 0);
        const started = process.hrtime.bigint();
        validator.validate('messages.create', params);
        const nsPerByte = Number(process.hrtime.bigint() - started) / bytes;
        if (nsPerByte > worstNsPerByte) worst = `${field}: ${JSON.stringify(value)?.slice(0, 60)}… (${bytes} bytes, ${nsPerByte.toFixed(0)} ns/byte)`;
        worstNsPerByte = Math.max(worstNsPerByte, nsPerByte);
      }),
      { numRuns: 60, seed: 9_2026 },
    );
    // Tens of ns per byte here; quadratic behaviour on 100 000 keys would be thousands of times more.
    expect({ worst, under: worstNsPerByte < 2_000 }).toEqual({ worst, under: true });
  });
});

describe('answers, logs and spans stay small when the params are bad', () => {
  const telemetry = new TelemetryFixture();
  const logger = new CapturingLogger();
  const fixture = emulatorFixture();
  let moduleRef: TestingModule;
  let engage: EngageSendService;

  beforeAll(async () => {
    telemetry.register();
  });
  afterAll(() => telemetry.shutdown());
  afterEach(async () => {
    await moduleRef?.close();
    telemetry.spans.reset();
    logger.lines.length = 0;
  });

  it('2.7 MB of bad attachments: a bounded error, log line and span; nothing sent', async () => {
    moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ baseUrl: fixture.emulator.baseUrl, sourceId: 'src-main', accessToken: 'tok-main-9f2c1e7a-SECRET', unknownProperties: 'reject' })],
    })
      .setLogger(logger)
      .compile();
    moduleRef.useLogger(logger);
    engage = moduleRef.get(EngageSendService);
    const attachments = Array.from({ length: 30_000 }, (_, i) => ({ url: `javascript:${'x'.repeat(60)}${i}` }));
    expect(JSON.stringify(attachments).length).toBeGreaterThan(2_500_000);
    const error = (await rejectionOf(engage.messages.create(aMessage({ attachments }) as never))) as EngageValidationError;
    expect(error).toBeInstanceOf(EngageValidationError);
    expect(error.errors.length).toBeLessThanOrEqual(10);
    expect(JSON.stringify(toHttpAnswer(error).body).length).toBeLessThan(4_096);
    expect(logger.lines.every((line) => line.length < 1_024)).toBe(true);
    const spans = telemetry.spans.getFinishedSpans();
    expect(JSON.stringify(spans.map((s) => ({ attributes: s.attributes, events: s.events, status: s.status }))).length).toBeLessThan(8_192);
    expect(fixture.emulator.received).toBe(0);
  });
});

describe('a deadline that passes while queued', () => {
  const fixture = emulatorFixture();

  it('fails as such: EngageQueueTimeoutError, nothing sent — never a 1 ms attempt', async () => {
    const engage = await fixture.create({ maxInFlight: 1, retry: { retries: 0, deadlineMs: 400 } });
    fixture.emulator.injectFaults({ delayMs: 3_000 }, 1);
    const first = rejectionOf(engage.service.status.markAsRead({ id: 'slow' }));
    await until(() => fixture.emulator.received === 1);
    const queued = (await rejectionOf(engage.service.status.markAsRead({ id: 'queued' }))) as EngageQueueTimeoutError;
    expect(queued).toBeInstanceOf(EngageQueueTimeoutError);
    expect(queued.attempts).toBe(0);
    expect(queued.message).toMatch(/deadline passed after \d+ ms waiting for a free slot; nothing was sent/);
    expect(queued.message).not.toMatch(/within 1 ms/);
    await first;
    expect(fixture.emulator.received).toBe(1);
  });
});

describe('what an upstream echoes back stays out of errors and logs', () => {
  let server: RecordingServer | undefined;
  let moduleRef: TestingModule | undefined;
  const logger = new CapturingLogger();
  afterEach(async () => {
    await moduleRef?.close();
    await server?.stop();
    logger.lines.length = 0;
  });

  async function serviceAt(baseUrl: string, extra: Partial<EngageSendModuleOptions> = {}): Promise<EngageSendService> {
    moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ baseUrl, sourceId: 'src-1', accessToken: 'tok-echo-SECRET', retry: false, ...extra })],
    })
      .setLogger(logger)
      .compile();
    moduleRef.useLogger(logger);
    return moduleRef.get(EngageSendService);
  }

  it('a 502 that echoes the request headers: the signature is redacted from the error, the filter answer and the logs', async () => {
    server = new RecordingServer((req, res) => res.writeHead(502).end(`bad gateway; request headers: ${JSON.stringify(req.headers)}`));
    const engage = await serviceAt(await server.start());
    const error = (await rejectionOf(engage.messages.create(aMessage() as never))) as EngageServerError;
    const signature = server.seen[0]!.headers['x-smccsdk-signature'] as string;
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(error).toBeInstanceOf(EngageServerError);
    expect(error.engageMessage).toContain('[redacted]');
    for (const text of [error.message, JSON.stringify(error), JSON.stringify(toHttpAnswer(error)), ...logger.lines]) expect(text).not.toContain(signature);
  });

  it('a refused connection names the URL and the attempts made', async () => {
    const port = await closedPort();
    const engage = await serviceAt(`http://127.0.0.1:${port}`, { retry: { retries: 2, baseDelayMs: 5 } });
    const error = (await rejectionOf(engage.status.markAsRead({ id: 'x' }))) as EngageConnectionError;
    expect(error).toBeInstanceOf(EngageConnectionError);
    expect(error.message).toContain(`Could not reach Engage at http://127.0.0.1:${port}/realtime/sdk/src-1 (ECONNREFUSED) after 3 attempt(s)`);
  });

  it('an upstream Retry-After of any length reaches a caller as at most an hour', async () => {
    server = new RecordingServer((_req, res) => res.writeHead(429, { 'retry-after': '99999999' }).end('slow down'));
    const engage = await serviceAt(await server.start());
    const error = (await rejectionOf(engage.status.markAsRead({ id: 'x' }))) as EngageRateLimitError;
    expect(error).toBeInstanceOf(EngageRateLimitError);
    expect(toHttpAnswer(error).headers['Retry-After']).toBe(String(MAX_RETRY_AFTER_SECONDS));
    expect(toHttpAnswer(error).body.retryAfterSeconds).toBe(MAX_RETRY_AFTER_SECONDS);
  });
});
