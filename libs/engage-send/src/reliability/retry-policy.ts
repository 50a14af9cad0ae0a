import type { EngageAction } from '../contract/index.js';
import { EngageErrorCode } from '../errors/engage-error-code.js';
import { EngageRateLimitError } from '../errors/engage-api.errors.js';
import type { EngageSendError } from '../errors/engage-send.error.js';
import { EngageConnectionError } from '../errors/transport.errors.js';

/** How failed sends are retried. Every field is optional; see the defaults. */
export interface EngageRetryOptions {
  /** Retries after the first attempt (so at most `retries + 1` attempts). Default `2`. */
  retries?: number;
  /** First backoff delay, in ms; doubles on each retry, with jitter. Default `500`. */
  baseDelayMs?: number;
  /** Longest backoff delay, in ms. Default `5000`. */
  maxDelayMs?: number;
  /**
   * Longest wait honoured from a 429's `Retry-After`, in ms. When Engage asks
   * for longer, the 429 is reported instead (with `retryAfterMs`): retrying
   * sooner than asked would only be refused again. Default `10000`.
   */
  maxRetryAfterMs?: number;
  /**
   * Time allowed for the whole send, all attempts and waits included, in ms.
   * No retry starts if its wait would end past it, and an attempt's timeout is
   * cut to what remains. Default `30000`.
   */
  deadlineMs?: number;
  /**
   * Retry a `*.create` whose request may already have reached Engage (a
   * timeout, a reset, a 5xx). Default `true`: at-least-once delivery — a
   * retried create carries the same content `id`, but Engage documents no
   * de-duplication, so a duplicate is possible. `false`: such failures are
   * reported to the caller instead, and a create is retried only when its
   * request was certainly not processed (connection refused, DNS, 429).
   */
  resendCreates?: boolean;
}

/**
 * Least time worth giving a retry: a retry that would start with less than
 * this before the deadline is not made, so the caller gets the last real
 * answer (a 503 and its message) rather than a timeout of a hopeless attempt.
 */
export const MIN_ATTEMPT_MS = 100;

/** {@link EngageRetryOptions} with every default applied. */
export type RetryPolicy = Readonly<Required<EngageRetryOptions>>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  retries: 2,
  baseDelayMs: 500,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 10_000,
  deadlineMs: 30_000,
  resendCreates: true,
});

/** No retries at all (`retry: false`). */
export const NO_RETRY_POLICY: RetryPolicy = Object.freeze({ ...DEFAULT_RETRY_POLICY, retries: 0 });

/** Merges options over a policy; `false` turns retries off. */
export function resolveRetryPolicy(options: EngageRetryOptions | false | undefined, base: RetryPolicy = DEFAULT_RETRY_POLICY): RetryPolicy {
  if (options === false) return { ...base, retries: 0 };
  if (options === undefined) return base;
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return Object.freeze({ ...base, ...defined });
}

/** Problems with retry options, one line each, for bootstrap validation. */
export function retryOptionProblems(options: EngageRetryOptions | false | undefined): string[] {
  if (options === undefined || options === false) return [];
  if (options === null || typeof options !== 'object') return ['retry must be an object or false'];
  const problems: string[] = [];
  const nonNegativeInteger = (name: keyof EngageRetryOptions, value: unknown) => {
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      problems.push(`retry.${name} must be a non-negative integer (got ${String(value)})`);
    }
  };
  nonNegativeInteger('retries', options.retries);
  nonNegativeInteger('baseDelayMs', options.baseDelayMs);
  nonNegativeInteger('maxDelayMs', options.maxDelayMs);
  nonNegativeInteger('maxRetryAfterMs', options.maxRetryAfterMs);
  nonNegativeInteger('deadlineMs', options.deadlineMs);
  if (options.resendCreates !== undefined && typeof options.resendCreates !== 'boolean') {
    problems.push('retry.resendCreates must be a boolean');
  }
  return problems;
}

// Failures where the request certainly did not reach Engage's processing:
// the connection was never established.
const NOT_SENT_SYSTEM_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

// Deterministic answers: repeating the request repeats the answer.
const RETRYABLE_CODES = new Set<string>([
  EngageErrorCode.CONNECTION,
  EngageErrorCode.TIMEOUT,
  EngageErrorCode.SERVER_ERROR,
  EngageErrorCode.RATE_LIMITED,
]);

/** Whether Engage certainly did not process the request that failed with `error`. */
export function certainlyNotProcessed(error: EngageSendError): boolean {
  if (error instanceof EngageRateLimitError) return true;
  return error instanceof EngageConnectionError && error.systemCode !== undefined && NOT_SENT_SYSTEM_CODES.has(error.systemCode);
}

/**
 * How long to wait before retrying after `error` on attempt `attempt`
 * (1-based), or `undefined` when it must not be retried. `random` is in [0, 1).
 *
 * Backoff is exponential with "equal jitter": the n-th retry waits a random
 * time in [d/2, d], d = min(maxDelayMs, baseDelayMs × 2^(n−1)), so retries of
 * many clients spread out but never fire back-to-back. A 429 waits for its
 * `Retry-After` (or Engage's documented 2 s); one longer than
 * `maxRetryAfterMs` is not retried.
 */
export function retryDelay(
  error: EngageSendError,
  attempt: number,
  action: EngageAction,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (attempt > policy.retries) return undefined;
  if (!RETRYABLE_CODES.has(error.code)) return undefined;
  if (!policy.resendCreates && action.endsWith('.create') && !certainlyNotProcessed(error)) return undefined;
  if (error instanceof EngageRateLimitError) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
