import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  EngageBadRequestError,
  EngageConnectionError,
  EngageInvalidResourceFormatError,
  EngageInvalidSignatureError,
  EngagePayloadTooLargeError,
  EngageRateLimitError,
  EngageServerError,
  EngageTimeoutError,
  EngageUnexpectedResponseError,
  EngageValidationError,
  type EngageAction,
  type EngageSendError,
} from '../../src/index.js';
import type { EmulatorFault } from '../../src/testing/index.js';
import { aMessage } from '../support/emulator.fixture.js';
import { ATTEMPT_HEADER, backoffWindow, closedPort, EARLY_MS, emulatorFixture, type Engage, LATE_MS, rejectionOf } from './reliability-kit.js';

// Retries over real HTTP on loopback against the emulator: which failures are
// retried, how many times, and how long each retry waits.

const MARK_AS_READ = { id: 'agent-msg-1' };

describe('retries over loopback', () => {
  const fixture = emulatorFixture();
  let engage: Engage;

  describe('which failures are retried (default: 2 retries, so 3 attempts)', () => {
    beforeEach(async () => {
      engage = await fixture.create({ retry: { baseDelayMs: 20 } });
    });

    const transient: [string, EmulatorFault, abstract new (...args: never[]) => EngageSendError][] = [
      ['500', { status: 500 }, EngageServerError],
      ['502', { status: 502, body: 'Bad Gateway' }, EngageServerError],
      ['503', { status: 503, body: 'down for maintenance' }, EngageServerError],
      ['504', { status: 504 }, EngageServerError],
      ['429 (Retry-After: 0)', { status: 429, body: 'too many typing requests, please try again in a few seconds', headers: { 'retry-after': '0' } }, EngageRateLimitError],
      ['a connection reset (drop before-read)', { drop: 'before-read' }, EngageConnectionError],
    ];

    it.each(transient)('%s once, then success: retried, resolves with attempts 2', async (_, fault) => {
      fixture.emulator.injectFaults(fault, 1);
      const result = await engage.service.messages.create(aMessage() as never);
      expect(result).toMatchObject({ status: 200, attempts: 2, coalesced: false });
      expect(fixture.emulator.received).toBe(2);
      expect(fixture.emulator.requests).toHaveLength(1);
    });

    it.each(transient)('%s on every attempt: 3 attempts, then the typed error with attempts 3', async (_, fault, type) => {
      fixture.emulator.injectFaults(fault, 3);
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageSendError;
      expect(error).toBeInstanceOf(type);
      expect(error.attempts).toBe(3);
      expect(fixture.emulator.received).toBe(3);
      expect(fixture.emulator.requests).toHaveLength(0);
    });

    it('a lost answer (drop after-read) is retried: at-least-once, so a create is stored twice', async () => {
      fixture.emulator.injectFaults({ drop: 'after-read' }, 1);
      const result = await engage.service.messages.create(aMessage() as never);
      expect(result.attempts).toBe(2);
      expect(fixture.emulator.requests.map((r) => r.params.id)).toEqual(['msg-1', 'msg-1']);
    });

    it('a timeout (answer delayed beyond timeoutMs) is retried', async () => {
      await engage.close();
      engage = await fixture.create({ timeoutMs: 300, retry: { baseDelayMs: 20 } });
      fixture.emulator.injectFaults({ delayMs: 1_000 }, 1);
      const result = await engage.service.messages.create(aMessage() as never);
      expect(result).toMatchObject({ status: 200, attempts: 2 });
      expect(fixture.emulator.received).toBe(2);
      expect(fixture.emulator.requests).toHaveLength(1);
    });

    it('a timeout on every attempt: EngageTimeoutError with attempts 3', async () => {
      await engage.close();
      engage = await fixture.create({ timeoutMs: 100, retry: { baseDelayMs: 20 } });
      fixture.emulator.injectFaults({ delayMs: 1_000 }, 3);
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageTimeoutError;
      expect(error).toBeInstanceOf(EngageTimeoutError);
      expect(error.attempts).toBe(3);
      expect(error.timeoutMs).toBe(100);
      expect(fixture.emulator.received).toBe(3);
    });

    it('a refused connection (closed port) is retried: 3 attempts, then EngageConnectionError', async () => {
      await engage.close();
      engage = await fixture.create({ retry: { baseDelayMs: 20 } }, { record: true }, { baseUrl: `http://127.0.0.1:${await closedPort()}` });
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageConnectionError;
      expect(error).toBeInstanceOf(EngageConnectionError);
      expect(error.attempts).toBe(3);
      expect(engage.attemptsOf('msg-1')).toHaveLength(3);
    });

    const final: [string, EmulatorFault, abstract new (...args: never[]) => EngageSendError][] = [
      ['400 Bad request', { status: 400, body: 'Bad request' }, EngageBadRequestError],
      ['413 Invalid request size', { status: 413, body: 'Invalid request size (max: 20971520 bytes)' }, EngagePayloadTooLargeError],
      ['422 Invalid resource format', { status: 422, body: 'Invalid resource format' }, EngageInvalidResourceFormatError],
      ['a redirect', { status: 307, headers: { location: '/elsewhere' } }, EngageUnexpectedResponseError],
    ];

    it.each(final)('%s is never retried: exactly 1 request received, attempts 1', async (_, fault, type) => {
      for (const action of ['messages.create', 'status.mark_as_read'] as EngageAction[]) {
        fixture.emulator.reset();
        fixture.emulator.injectFaults(fault, 3);
        const params = action === 'messages.create' ? aMessage() : MARK_AS_READ;
        const error = (await rejectionOf(engage.service.send(action, params as never))) as EngageSendError;
        expect(error).toBeInstanceOf(type);
        expect(error.attempts).toBe(1);
        expect(fixture.emulator.received).toBe(1);
      }
    });

    it("a real 422 from the emulator (wrong token: Invalid signature) is never retried", async () => {
      await engage.close();
      engage = await fixture.create({ accessToken: 'not-the-token', retry: { baseDelayMs: 20 } });
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageSendError;
      expect(error).toBeInstanceOf(EngageInvalidSignatureError);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.received).toBe(1);
      expect(fixture.emulator.refused).toHaveLength(1);
    });

    it('local validation errors are never sent: attempts 0, nothing received', async () => {
      await engage.close();
      engage = await fixture.create({ retry: { baseDelayMs: 20 } }, { record: true });
      const error = (await rejectionOf(engage.service.messages.create(aMessage({ thread_id: undefined, threadId: 't' }) as never))) as EngageSendError;
      expect(error).toBeInstanceOf(EngageValidationError);
      expect(error.attempts).toBe(0);
      expect(fixture.emulator.received).toBe(0);
      expect(engage.attempts).toHaveLength(0);
    });

    it('user interceptors on the registration HttpService run on every attempt, and their changes are signed', async () => {
      await engage.close();
      engage = await fixture.create({ retry: { baseDelayMs: 20 } }, { record: true });
      fixture.emulator.injectFaults({ status: 503 }, 2);
      await engage.service.messages.create(aMessage() as never);
      // The emulator accepted (signature valid) the 3rd attempt, carrying the header our interceptor set.
      expect(fixture.emulator.requests).toHaveLength(1);
      expect(fixture.emulator.requests[0].headers[ATTEMPT_HEADER]).toBe('3');
      expect(engage.attemptsOf('msg-1')).toHaveLength(3);
    });
  });

  describe('backoff delays, measured client-side (user axios interceptor)', () => {
    it('the n-th retry waits in [d/2, d], d = baseDelayMs × 2^(n−1) (base 100 ms)', async () => {
      engage = await fixture.create({ retry: { baseDelayMs: 100, maxDelayMs: 5_000 } }, { record: true });
      fixture.emulator.injectFaults({ status: 503 }, 2);
      const result = await engage.service.messages.create(aMessage() as never);
      expect(result.attempts).toBe(3);
      const gaps = engage.gapsOf('msg-1');
      expect(gaps).toHaveLength(2);
      gaps.forEach((gap, i) => {
        const [low, high] = backoffWindow(i + 1, 100, 5_000);
        expect(gap).toBeGreaterThanOrEqual(low);
        expect(gap).toBeLessThanOrEqual(high);
      });
    });

    it('delays are capped by maxDelayMs (base 100, cap 150, 3 retries: windows [50,100], [75,150], [75,150])', async () => {
      engage = await fixture.create({ retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 150 } }, { record: true });
      fixture.emulator.injectFaults({ drop: 'before-read' }, 3);
      const result = await engage.service.status.markAsRead(MARK_AS_READ);
      expect(result.attempts).toBe(4);
      const gaps = engage.gapsOf(MARK_AS_READ.id);
      expect(gaps).toHaveLength(3);
      gaps.forEach((gap, i) => {
        const [low, high] = backoffWindow(i + 1, 100, 150);
        expect(gap).toBeGreaterThanOrEqual(low);
        expect(gap).toBeLessThanOrEqual(high);
      });
    });

    it('server-side, the accepted retry arrives no earlier than the backoff allows', async () => {
      engage = await fixture.create({ retry: { baseDelayMs: 200 } });
      fixture.emulator.injectFaults({ status: 500 }, 1);
      const sentAt = Date.now();
      await engage.service.messages.create(aMessage() as never);
      expect(fixture.emulator.requests[0].receivedAt - sentAt).toBeGreaterThanOrEqual(100 - EARLY_MS);
      expect(fixture.emulator.requests[0].receivedAt - sentAt).toBeLessThanOrEqual(200 + LATE_MS);
    });
  });

  describe('Retry-After', () => {
    it('a 429 with `retry-after: 1` waits ≥ ~1000 ms before the retry', async () => {
      engage = await fixture.create({ retry: { baseDelayMs: 10 } }, { record: true });
      fixture.emulator.injectFaults({ status: 429, body: 'too many typing requests, please try again in a few seconds', headers: { 'retry-after': '1' } }, 1);
      const result = await engage.service.typing.start({ thread_id: 'ra-seconds', preview: 'hi' });
      expect(result).toMatchObject({ status: 200, attempts: 2, coalesced: false });
      const [gap] = engage.gapsOf('ra-seconds');
      expect(gap).toBeGreaterThanOrEqual(1_000 - EARLY_MS);
      expect(gap).toBeLessThanOrEqual(1_000 + LATE_MS);
    });

    it('a 429 with an HTTP-date Retry-After waits until that date', async () => {
      engage = await fixture.create({ retry: { baseDelayMs: 10 } });
      // HTTP-dates have whole seconds: pick the first whole second at least 300 ms away.
      const retryAt = Math.ceil((Date.now() + 300) / 1_000) * 1_000;
      fixture.emulator.injectFaults({ status: 429, headers: { 'retry-after': new Date(retryAt).toUTCString() } }, 1);
      const result = await engage.service.status.markAsRead(MARK_AS_READ);
      expect(result.attempts).toBe(2);
      // Wall-clock time of the retry, from the server's clock (Date.now).
      const retriedAt = fixture.emulator.requests[0].receivedAt;
      expect(retriedAt).toBeGreaterThanOrEqual(retryAt - EARLY_MS);
      expect(retriedAt).toBeLessThanOrEqual(retryAt + LATE_MS);
    });

    it('a Retry-After beyond maxRetryAfterMs is not retried: EngageRateLimitError reaches the caller with retryAfterMs', async () => {
      engage = await fixture.create({ retry: { maxRetryAfterMs: 2_000 } });
      fixture.emulator.injectFaults({ status: 429, headers: { 'retry-after': '5' } }, 3);
      const started = performance.now();
      const error = (await rejectionOf(engage.service.status.markAsRead(MARK_AS_READ))) as EngageRateLimitError;
      expect(error).toBeInstanceOf(EngageRateLimitError);
      expect(error.retryAfterMs).toBe(5_000);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.received).toBe(1);
      expect(performance.now() - started).toBeLessThan(1_000); // did not wait
    });

    it("a 429 without Retry-After means Engage's documented 2 s (here over a 1 s cap: reported, not retried)", async () => {
      engage = await fixture.create({ retry: { maxRetryAfterMs: 1_000 } });
      fixture.emulator.injectFaults({ status: 429, body: 'too many typing requests, please try again in a few seconds' }, 3);
      const error = (await rejectionOf(engage.service.typing.start({ thread_id: 'ra-none', preview: 'p' }))) as EngageRateLimitError;
      expect(error).toBeInstanceOf(EngageRateLimitError);
      expect(error.retryAfterMs).toBe(2_000);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.received).toBe(1);
    });
  });

  describe('deadlineMs', () => {
    it('no retry starts whose wait would end past the deadline', async () => {
      // The first retry would wait 500–1 000 ms; the deadline is 400 ms away.
      engage = await fixture.create({ retry: { baseDelayMs: 1_000, deadlineMs: 400 } });
      fixture.emulator.injectFaults({ status: 503 }, 3);
      const started = performance.now();
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageSendError;
      expect(error).toBeInstanceOf(EngageServerError);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.received).toBe(1);
      expect(performance.now() - started).toBeLessThan(400);
    });

    it("a 429 whose Retry-After fits maxRetryAfterMs but not the deadline is reported at once", async () => {
      engage = await fixture.create({ retry: { deadlineMs: 500 } });
      fixture.emulator.injectFaults({ status: 429, headers: { 'retry-after': '1' } }, 3);
      const started = performance.now();
      const error = (await rejectionOf(engage.service.status.markAsRead(MARK_AS_READ))) as EngageRateLimitError;
      expect(error).toBeInstanceOf(EngageRateLimitError);
      expect(error.retryAfterMs).toBe(1_000);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.received).toBe(1);
      expect(performance.now() - started).toBeLessThan(500);
    });

    it('retries go on while their waits fit, and the send fails before the deadline', async () => {
      engage = await fixture.create({ retry: { retries: 20, baseDelayMs: 100, maxDelayMs: 100, deadlineMs: 350 } }, { record: true });
      fixture.emulator.injectFaults({ status: 503 }, 20);
      const started = performance.now();
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageSendError;
      const elapsed = performance.now() - started;
      // No retry starts with less than MIN_ATTEMPT_MS left, so the last answer is Engage's own 503, not a cut-short timeout.
      expect(error).toBeInstanceOf(EngageServerError);
      // Waits of 50–100 ms each: at least 3 attempts fit in 350 ms, at most 8.
      expect(error.attempts).toBeGreaterThanOrEqual(3);
      expect(error.attempts).toBeLessThanOrEqual(8);
      expect(fixture.emulator.received).toBe(error.attempts);
      // Every attempt starts before the deadline (give or take a late timer), and nothing runs much past it.
      for (const attempt of engage.attemptsOf('msg-1')) expect(attempt.at - started).toBeLessThan(350 + LATE_MS);
      expect(elapsed).toBeLessThan(350 + LATE_MS);
    });

    it("an attempt's timeout is cut to the remaining time (timeoutMs 10 000, deadlineMs 300, a 5 s delay → timeout after ≈300 ms)", async () => {
      engage = await fixture.create({ timeoutMs: 10_000, retry: { deadlineMs: 300 } });
      fixture.emulator.injectFaults({ delayMs: 5_000 }, 3);
      const started = performance.now();
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageTimeoutError;
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(EngageTimeoutError);
      expect(error.timeoutMs).toBeLessThanOrEqual(300);
      expect(error.attempts).toBe(1);
      expect(elapsed).toBeGreaterThanOrEqual(300 - EARLY_MS);
      expect(elapsed).toBeLessThanOrEqual(300 + LATE_MS + 100);
    });

    it('a per-call deadline overrides the module one', async () => {
      engage = await fixture.create({ timeoutMs: 10_000 });
      fixture.emulator.injectFaults({ delayMs: 5_000 }, 1);
      const started = performance.now();
      const error = (await rejectionOf(engage.service.status.markAsRead(MARK_AS_READ, { retry: { deadlineMs: 200 } }))) as EngageTimeoutError;
      expect(error).toBeInstanceOf(EngageTimeoutError);
      expect(error.attempts).toBe(1);
      expect(performance.now() - started).toBeLessThan(200 + LATE_MS + 100);
    });
  });

  describe('resendCreates: false', () => {
    beforeEach(async () => {
      engage = await fixture.create({ retry: { baseDelayMs: 20, resendCreates: false } });
    });

    it.each<[EngageAction, Record<string, unknown>]>([
      ['messages.create', aMessage()],
      ['threads.create', { id: 'thread-9', author: { id: 'u', screenname: 'U' }, body: 'b' }],
      ['private_messages.create', { id: 'pm-1', author: { id: 'u', screenname: 'U' }, recipient: { id: 'a', screenname: 'A' }, body: 'b' }],
      ['users.create', { id: 'u-2', screenname: 'U', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' }],
    ])('%s answered 503 is not retried: attempts 1', async (action, params) => {
      fixture.emulator.injectFaults({ status: 503 }, 3);
      const error = (await rejectionOf(engage.service.send(action, params as never))) as EngageSendError;
      expect(error).toBeInstanceOf(EngageServerError);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.received).toBe(1);
    });

    it('a messages.create that timed out is not retried', async () => {
      fixture.emulator.injectFaults({ delayMs: 1_000 }, 3);
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never, { timeoutMs: 150 }))) as EngageSendError;
      expect(error).toBeInstanceOf(EngageTimeoutError);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.received).toBe(1);
    });

    it('a messages.create whose answer was lost is not retried (so it is stored once)', async () => {
      fixture.emulator.injectFaults({ drop: 'after-read' }, 3);
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageSendError;
      expect(error).toBeInstanceOf(EngageConnectionError);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.requests).toHaveLength(1);
    });

    it('a messages.create answered 429 is retried (Engage refused it, nothing stored)', async () => {
      fixture.emulator.injectFaults({ status: 429, headers: { 'retry-after': '0' } }, 1);
      const result = await engage.service.messages.create(aMessage() as never);
      expect(result.attempts).toBe(2);
      expect(fixture.emulator.requests).toHaveLength(1);
    });

    it('a messages.create on a refused connection is retried (it never reached Engage)', async () => {
      await engage.close();
      engage = await fixture.create({ retry: { baseDelayMs: 20, resendCreates: false } }, {}, { baseUrl: `http://127.0.0.1:${await closedPort()}` });
      const error = (await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageConnectionError;
      expect(error).toBeInstanceOf(EngageConnectionError);
      expect(error.systemCode).toBe('ECONNREFUSED');
      expect(error.attempts).toBe(3);
    });

    it('a non-create action (status.mark_as_read) answered 503 is still retried', async () => {
      fixture.emulator.injectFaults({ status: 503 }, 1);
      const result = await engage.service.status.markAsRead(MARK_AS_READ);
      expect(result.attempts).toBe(2);
      expect(fixture.emulator.received).toBe(2);
    });
  });

  describe('per-call override', () => {
    beforeEach(async () => {
      engage = await fixture.create({ retry: { baseDelayMs: 10, maxDelayMs: 20 } });
    });

    it('{ retry: false } → a single attempt', async () => {
      fixture.emulator.injectFaults({ status: 503 }, 3);
      const error = (await rejectionOf(engage.service.send('messages.create', aMessage() as never, { retry: false }))) as EngageSendError;
      expect(error).toBeInstanceOf(EngageServerError);
      expect(error.attempts).toBe(1);
      expect(fixture.emulator.received).toBe(1);
    });

    it('{ retry: { retries: 5 } } → 6 attempts, merged over the module policy', async () => {
      fixture.emulator.injectFaults({ status: 503 }, 6);
      const started = performance.now();
      const error = (await rejectionOf(engage.service.send('messages.create', aMessage() as never, { retry: { retries: 5 } }))) as EngageSendError;
      expect(error.attempts).toBe(6);
      expect(fixture.emulator.received).toBe(6);
      // The module's small delays still apply (5 waits of at most 20 ms each).
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('{ retry: { retries: 5 } } succeeds on the 6th attempt', async () => {
      fixture.emulator.injectFaults({ status: 503 }, 5);
      const result = await engage.service.send('messages.create', aMessage() as never, { retry: { retries: 5 } });
      expect(result.attempts).toBe(6);
      expect(fixture.emulator.requests).toHaveLength(1);
    });

    it('module-level retry: false → a single attempt; a per-call policy turns retries back on', async () => {
      await engage.close();
      engage = await fixture.create({ retry: false });
      fixture.emulator.injectFaults({ status: 503 }, 1);
      expect(((await rejectionOf(engage.service.messages.create(aMessage() as never))) as EngageSendError).attempts).toBe(1);
      fixture.emulator.reset();
      fixture.emulator.injectFaults({ status: 503 }, 1);
      const result = await engage.service.messages.create(aMessage() as never, { retry: { retries: 1, baseDelayMs: 10 } });
      expect(result.attempts).toBe(2);
    });
  });
});
