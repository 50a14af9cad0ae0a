/**
 * Options of `EngageOutboxModule.forRoot()`: one outbox (one BullMQ queue)
 * per `EngageSendModule` registration, i.e. per Engage source. The Redis
 * connection is the app's own `BullModule.forRoot()` (or `forRoot(configKey, …)`).
 */
export interface EngageOutboxModuleOptions {
  /**
   * The `EngageSendModule` registration whose source the outbox delivers to
   * (its `name` extra). Default: the unnamed registration.
   */
  name?: string;
  /** The `BullModule.forRoot(configKey, …)` whose connection and prefix the queue uses. Default: the unkeyed `BullModule.forRoot()`. */
  configKey?: string;
  /** The BullMQ queue's name. Default `engage-send`, or `engage-send-<name>` for a named registration. */
  queueName?: string;
  /**
   * Deliver jobs in this process. Default `true` (with the defaults of
   * {@link EngageOutboxWorkerOptions}); `false` on replicas that only enqueue.
   */
  worker?: boolean | EngageOutboxWorkerOptions;
  /** Attempts and backoff of each job. See {@link EngageOutboxRetryOptions}. */
  retry?: EngageOutboxRetryOptions;
  /**
   * Most jobs of this queue being delivered at once across every replica
   * (BullMQ's global concurrency, stored in Redis; the last replica to start
   * sets it). Default: not set here, so the per-replica `worker.concurrency`
   * is the only bound (and a value set earlier, e.g. by an operator, stays).
   */
  globalConcurrency?: number;
  /**
   * For how long enqueueing content already enqueued (same action and content
   * id) is ignored, in ms, even after the first job was delivered and removed.
   * Default `3600000` (1 hour). A job still kept (see `keepCompleted`,
   * `keepFailed`) also makes a new one with its id be ignored.
   */
  deduplicationWindowMs?: number;
  /** Delivered jobs kept (for `getJob()`). Default: the last 10 000, at most 1 hour old. */
  keepCompleted?: EngageOutboxKeepJobs;
  /** Failed jobs kept, with their error (for `getJob()` and retrying by hand). Default: the last 10 000, at most 7 days old. */
  keepFailed?: EngageOutboxKeepJobs;
  /**
   * Pace `typing.start` across every replica through Redis (one per thread
   * every 2 s, reset by `typing.stop`), instead of per process. Default `true`.
   * Typing events are not queued: they are sent directly with the source's
   * `typingPacing` mode, and only their window is shared.
   */
  sharedTypingPacing?: boolean;
}

/** How one replica's worker takes jobs. */
export interface EngageOutboxWorkerOptions {
  /** Jobs this replica delivers at once (also bounded by the source's `maxInFlight`). Default `16`. */
  concurrency?: number;
  /**
   * At most `max` jobs started per `durationMs`, across every replica
   * (BullMQ's rate limiter is per queue). Default: no limit.
   */
  limiter?: { max: number; durationMs: number };
  /**
   * How long a worker holds a job's lock without renewing it, in ms. A worker
   * that dies mid-send (SIGKILL, OOM) loses its lock after this long; the
   * stalled-job check then hands the job to another worker. Default `30000`.
   */
  lockDurationMs?: number;
  /** How often a worker looks for jobs whose lock expired (stalled), in ms. Default `30000`. */
  stalledIntervalMs?: number;
  /**
   * Times a job may be recovered after its worker died before it is failed
   * ("job stalled more than allowable limit"). Default `3`: a crash of the
   * worker is not the content's fault, but a body that kills every worker is
   * stopped eventually.
   */
  maxStalledCount?: number;
}

/**
 * Retries of a queued send, with the library's rules: 5xx, timeouts,
 * connection failures and 429 are retried (429 after its `Retry-After`);
 * Engage's other refusals fail the job at once.
 */
export interface EngageOutboxRetryOptions {
  /** Delivery attempts per job, the first included. Default `10`. */
  attempts?: number;
  /** First backoff delay, in ms; doubles on each retry, with jitter. Default `1000`. */
  baseDelayMs?: number;
  /** Longest backoff delay, in ms (a 429's `Retry-After` is honoured whatever its length). Default `300000` (5 min). */
  maxDelayMs?: number;
  /**
   * Retry a `*.create` whose request may already have reached Engage (a
   * timeout, a reset, a 5xx). Default `true`: at-least-once, a duplicate is
   * possible (Engage documents no de-duplication by `id`). `false`: such a job
   * fails instead; it is retried only when its request certainly was not processed.
   */
  resendCreates?: boolean;
}

/** How many finished jobs to keep: whichever limit is reached first. */
export interface EngageOutboxKeepJobs {
  /** Keep jobs at most this old, in seconds. */
  ageSeconds?: number;
  /** Keep at most this many jobs. */
  count?: number;
}
