import type { EngageAction } from '../contract/index.js';
import { EngageErrorCode } from '../errors/engage-error-code.js';
import type { EngageSendError } from '../errors/engage-send.error.js';
import { retryDelay, type RetryPolicy } from '../reliability/retry-policy.js';

/**
 * A job's failure as BullMQ records it (`failedReason`): the error's code,
 * then its message, e.g. `ENGAGE_INVALID_SIGNATURE: Engage rejected the
 * signature … Engage answered 422 "Invalid signature"`. Our messages never
 * hold the token, the signature or the body.
 */
export function failureReason(error: EngageSendError): string {
  return `${error.code}: ${error.message}`;
}

const REASON = /^(ENGAGE_[A-Z_]+): ([\s\S]*)$/;

/** The code and message of a recorded {@link failureReason}; other reasons (e.g. BullMQ's stall limit) have a message only. */
export function parseFailureReason(reason: string): { code?: string; message: string } {
  const match = REASON.exec(reason);
  return match ? { code: match[1], message: match[2] as string } : { message: reason };
}

/** A failed attempt to retry after `delayMs` (read by the worker's backoff strategy). */
export class OutboxRetryableError extends Error {
  constructor(
    readonly error: EngageSendError,
    readonly delayMs: number,
  ) {
    super(failureReason(error));
    this.name = 'OutboxRetryableError';
  }
}

// Refused before any request left this replica: shutting down, or its own send queue full.
const NOT_ATTEMPTED = new Set<string>([EngageErrorCode.SHUTTING_DOWN, EngageErrorCode.QUEUE_FULL, EngageErrorCode.ABORTED]);

/** What a failed delivery attempt means for its job. */
export type AttemptVerdict = { kind: 'hand-back' } | { kind: 'retry'; delayMs: number } | { kind: 'fail' };

/**
 * Decides what a failed attempt means, with the library's retry rules:
 * - not attempted here (shutdown, saturation): hand the job back, no attempt counted;
 * - 5xx, timeout, connection failure, 429: retry after the backoff (a 429 after its `Retry-After`);
 * - any other refusal by Engage: fail for good.
 *
 * A send aborted at shutdown after its request left is also handed back:
 * Engage may have stored it, and the at-least-once rule resends it.
 */
export function judgeAttempt(error: EngageSendError, action: EngageAction, attempt: number, policy: RetryPolicy): AttemptVerdict {
  if (NOT_ATTEMPTED.has(error.code)) return { kind: 'hand-back' };
  const delayMs = retryDelay(error, attempt, action, policy);
  return delayMs === undefined ? { kind: 'fail' } : { kind: 'retry', delayMs };
}

/**
 * The worker's backoff strategy (BullMQ `settings.backoffStrategy`): the delay
 * decided with the attempt, or the policy's exponential backoff for errors
 * that are not Engage's (a bug in a processor retries like a 5xx).
 */
export function outboxBackoff(policy: RetryPolicy): (attemptsMade: number, type?: string, error?: Error) => number {
  return (attemptsMade, _type, error) => {
    if (error instanceof OutboxRetryableError) return error.delayMs;
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  };
}
