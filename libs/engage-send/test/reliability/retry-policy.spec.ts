import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_RETRY_POLICY,
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
  parseRetryAfter,
  type EngageAction,
  type EngageSendError,
} from '../../src/index.js';
import { resolveRetryPolicy, retryDelay, type RetryPolicy } from '../../src/reliability/retry-policy.js';

const ctx = { action: 'messages.create', sourceId: 'src', attempts: 1 };
const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, ...overrides });
const at = (value: number) => () => value;

const serverError = () => new EngageServerError({ ...ctx, status: 503, engageMessage: 'down' });
const reset = () => new EngageConnectionError({ ...ctx, systemCode: 'ECONNRESET' });
const refused = () => new EngageConnectionError({ ...ctx, systemCode: 'ECONNREFUSED' });
const timeout = () => new EngageTimeoutError({ ...ctx, timeoutMs: 100 });
const rateLimited = (retryAfterMs: number) => new EngageRateLimitError({ ...ctx, status: 429, retryAfterMs });

describe('retryDelay', () => {
  it.each([
    ['a 5xx', serverError],
    ['a connection reset', reset],
    ['a refused connection', refused],
    ['a timeout', timeout],
    ['a connection failure without a system code', () => new EngageConnectionError({ ...ctx })],
  ])('retries %s', (_, error) => {
    expect(retryDelay(error(), 1, 'messages.create', policy(), at(0))).toBeDefined();
  });

  it.each([
    ['400 Bad request', () => new EngageBadRequestError({ ...ctx, status: 400 })],
    ['413', () => new EngagePayloadTooLargeError({ ...ctx, status: 413 })],
    ['422 Invalid resource format', () => new EngageInvalidResourceFormatError({ ...ctx, status: 422 })],
    ['422 Invalid signature', () => new EngageInvalidSignatureError({ ...ctx, status: 422 })],
    ['an unexpected answer', () => new EngageUnexpectedResponseError({ ...ctx, status: 307 })],
    ['a local validation error', () => new EngageValidationError([{ path: 'params.id', constraints: { x: 'y' } }], ctx)],
  ])('never retries %s', (_, error) => {
    for (const action of ['messages.create', 'status.mark_as_read'] as EngageAction[]) {
      expect(retryDelay(error() as EngageSendError, 1, action, policy(), at(0.5))).toBeUndefined();
    }
  });

  it('exponential backoff with equal jitter: the n-th retry waits in [d/2, d], d = min(max, base × 2^(n−1))', () => {
    const p = policy({ retries: 10, baseDelayMs: 100, maxDelayMs: 1_000 });
    const ceilings = [100, 200, 400, 800, 1_000, 1_000];
    ceilings.forEach((d, i) => {
      const n = i + 1;
      expect(retryDelay(serverError(), n, 'messages.create', p, at(0))).toBe(d / 2);
      expect(retryDelay(serverError(), n, 'messages.create', p, at(0.5))).toBe((3 * d) / 4);
      expect(retryDelay(serverError(), n, 'messages.create', p, at(0.999_999))).toBeCloseTo(d, 3);
    });
  });

  it('with Math.random, every delay falls in its window and the delays are spread out', () => {
    const p = policy({ retries: 3, baseDelayMs: 100, maxDelayMs: 150 });
    for (const [n, d] of [[1, 100], [2, 150], [3, 150]] as const) {
      const delays = Array.from({ length: 200 }, () => retryDelay(serverError(), n, 'messages.create', p) as number);
      for (const delay of delays) {
        expect(delay).toBeGreaterThanOrEqual(d / 2);
        expect(delay).toBeLessThanOrEqual(d);
      }
      expect(new Set(delays).size).toBeGreaterThan(100);
    }
  });

  it('stops after `retries` retries', () => {
    const p = policy({ retries: 2 });
    expect(retryDelay(serverError(), 1, 'messages.create', p, at(0))).toBeDefined();
    expect(retryDelay(serverError(), 2, 'messages.create', p, at(0))).toBeDefined();
    expect(retryDelay(serverError(), 3, 'messages.create', p, at(0))).toBeUndefined();
    expect(retryDelay(serverError(), 1, 'messages.create', policy({ retries: 0 }), at(0))).toBeUndefined();
  });

  it('a 429 waits exactly its Retry-After, unjittered, up to maxRetryAfterMs; beyond it, not retried', () => {
    const p = policy({ maxRetryAfterMs: 3_000 });
    expect(retryDelay(rateLimited(1_000), 1, 'typing.start', p, at(0.9))).toBe(1_000);
    expect(retryDelay(rateLimited(0), 1, 'typing.start', p, at(0.9))).toBe(0);
    expect(retryDelay(rateLimited(3_000), 1, 'typing.start', p, at(0.9))).toBe(3_000);
    expect(retryDelay(rateLimited(3_001), 1, 'typing.start', p, at(0.9))).toBeUndefined();
    // Still bound by the retry count.
    expect(retryDelay(rateLimited(1_000), 3, 'typing.start', p, at(0.9))).toBeUndefined();
  });

  describe('resendCreates: false', () => {
    const p = policy({ resendCreates: false });
    const creates: EngageAction[] = ['messages.create', 'private_messages.create', 'threads.create', 'users.create'];

    it.each(creates)('%s: a failure after which Engage may have processed the request is not retried', (action) => {
      for (const error of [serverError(), reset(), timeout(), new EngageConnectionError({ ...ctx })]) {
        expect(retryDelay(error, 1, action, p, at(0))).toBeUndefined();
      }
    });

    it.each(creates)('%s: a failure where the request certainly was not processed is retried', (action) => {
      for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
        expect(retryDelay(new EngageConnectionError({ ...ctx, systemCode: code }), 1, action, p, at(0))).toBe(250);
      }
      expect(retryDelay(rateLimited(500), 1, action, p, at(0))).toBe(500);
    });

    it.each<EngageAction>(['status.mark_as_read', 'typing.start', 'typing.stop'])('%s (not a create) is still retried on 5xx, reset and timeout', (action) => {
      for (const error of [serverError(), reset(), timeout()]) {
        expect(retryDelay(error, 1, action, p, at(0))).toBe(250);
      }
    });
  });
});

describe('resolveRetryPolicy', () => {
  it('undefined gives the base policy; the defaults are 2 retries, 500 ms base, 5 s cap, 10 s Retry-After cap, 30 s deadline, resendCreates', () => {
    expect(resolveRetryPolicy(undefined)).toBe(DEFAULT_RETRY_POLICY);
    expect(DEFAULT_RETRY_POLICY).toEqual({
      retries: 2,
      baseDelayMs: 500,
      maxDelayMs: 5_000,
      maxRetryAfterMs: 10_000,
      deadlineMs: 30_000,
      resendCreates: true,
    });
    const base = policy({ retries: 7 });
    expect(resolveRetryPolicy(undefined, base)).toBe(base);
  });

  it('false keeps the base policy but with no retries', () => {
    const base = policy({ baseDelayMs: 10, deadlineMs: 1_000 });
    expect(resolveRetryPolicy(false, base)).toEqual({ ...base, retries: 0 });
    expect(resolveRetryPolicy(false).retries).toBe(0);
  });

  it('merges the given fields over the base, ignoring undefined ones, and freezes the result', () => {
    const base = policy({ baseDelayMs: 10, resendCreates: false });
    const merged = resolveRetryPolicy({ retries: 5, maxDelayMs: undefined }, base);
    expect(merged).toEqual({ ...base, retries: 5 });
    expect(Object.isFrozen(merged)).toBe(true);
    expect(resolveRetryPolicy({ resendCreates: true, deadlineMs: 0 }, base)).toEqual({ ...base, resendCreates: true, deadlineMs: 0 });
  });

  it('does not mutate the base policy', () => {
    const base = policy();
    const before = { ...base };
    resolveRetryPolicy({ retries: 9 }, base);
    resolveRetryPolicy(false, base);
    expect(base).toEqual(before);
    expect(DEFAULT_RETRY_POLICY.retries).toBe(2);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  it('reads delta-seconds (integer or decimal, surrounding spaces) as ms', () => {
    expect(parseRetryAfter('1', now)).toBe(1_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 7 ', now)).toBe(7_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });

  it('reads an HTTP-date as the ms from now, and a date in the past as 0', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:03 GMT', now)).toBe(3_000);
    // An HTTP-date has whole seconds: 10:00:01.500 is written 10:00:01.
    expect(parseRetryAfter(new Date(now + 1_500).toUTCString(), now + 500)).toBe(500);
    expect(parseRetryAfter('Wed, 01 May 2024 09:59:00 GMT', now)).toBe(0);
  });

  it('returns undefined when absent, empty or unparseable', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('   ', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('0x10', now)).toBeUndefined();
    // Not HTTP-dates, though V8's lenient Date.parse reads them as dates in 2001.
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('1,5', now)).toBeUndefined();
  });
});
