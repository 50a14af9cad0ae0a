import type { EngageAction } from './contract/index.js';

import type { EngageRetryOptions } from './reliability/retry-policy.js';

/**
 * What a successful send resolves to: Engage answered 200 `ok`, or (typing
 * pacing) a redundant `typing.start` was coalesced and nothing was sent.
 */
export interface EngageSendResult<A extends EngageAction = EngageAction> {
  /** The action sent. */
  readonly action: A;
  /** The source it was sent to. */
  readonly sourceId: string;
  /** HTTP status of Engage's answer: 200, or `undefined` when nothing was sent (`coalesced`). */
  readonly status: number | undefined;
  /** HTTP attempts made (1 + retries; 0 when coalesced). */
  readonly attempts: number;
  /** `true` when a `typing.start` inside Engage's 2 s window was not sent (see `typingPacing`). */
  readonly coalesced: boolean;
  /** Wall time of the send, validation to answer, in milliseconds. */
  readonly durationMs: number;
}

/** Per-call options of a send. */
export interface EngageSendCallOptions {
  /** Overrides the module's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Aborts the send (waiting, or in flight); the promise rejects with an `EngageAbortedError`. */
  signal?: AbortSignal;
  /** Overrides the module's retry policy for this call (merged over it), or `false` for a single attempt. */
  retry?: EngageRetryOptions | false;
}
