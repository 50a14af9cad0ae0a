import type { EngageAction } from './actions/engage-action.js';

/** What a successful send resolves to: Engage answered 200 `ok`. */
export interface EngageSendResult<A extends EngageAction = EngageAction> {
  /** The action sent. */
  readonly action: A;
  /** The source it was sent to. */
  readonly sourceId: string;
  /** HTTP status of Engage's answer (always 200 here). */
  readonly status: number;
  /** HTTP attempts made. */
  readonly attempts: number;
  /** Wall time of the send, validation to answer, in milliseconds. */
  readonly durationMs: number;
}

/** Per-call options of a send. */
export interface EngageSendCallOptions {
  /** Overrides the module's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Aborts the send; the promise rejects with an `EngageConnectionError` (`systemCode` `ABORTED`). */
  signal?: AbortSignal;
}
