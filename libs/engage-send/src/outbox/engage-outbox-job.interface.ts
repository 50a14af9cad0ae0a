import type { OutboxAction, OutboxJobResult } from './outbox-job.js';

/** Where a job is in BullMQ's life cycle (`unknown`: BullMQ could not tell, e.g. removed meanwhile). */
export type EngageOutboxJobState = 'waiting' | 'prioritized' | 'delayed' | 'active' | 'completed' | 'failed' | 'waiting-children' | 'unknown';

/** What `enqueue` resolves with, once the job is stored in Redis. */
export interface EngageOutboxEnqueued {
  /** The job id: the action and the content id (see `outboxJobId`). Enqueueing the same content again gives the same id. */
  readonly jobId: string;
  readonly action: OutboxAction;
  /** The BullMQ queue. */
  readonly queue: string;
}

/** A job's state and outcome, as `EngageOutbox.getJob()` reads it. Never the body. */
export interface EngageOutboxJob {
  readonly id: string;
  readonly action: string;
  /** The content's `id`. */
  readonly contentId?: string;
  readonly state: EngageOutboxJobState;
  /** Delivery attempts made so far, a successful one included (hand-backs and worker crashes are not attempts). */
  readonly attemptsMade: number;
  /** Attempts allowed. */
  readonly maxAttempts: number;
  /** When it was enqueued (ISO 8601). */
  readonly enqueuedAt: string;
  /** When it completed or failed for good (ISO 8601). */
  readonly finishedAt?: string;
  /** A completed job's outcome. */
  readonly result?: OutboxJobResult;
  /** The last failure: of a failed job, or of the previous attempt of a job waiting for a retry. */
  readonly error?: { readonly code?: string; readonly message: string };
}
