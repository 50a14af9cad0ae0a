import { Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { EngageActionParamsMap } from '../dto/action-params.map.js';
import type { EngageSendService } from '../engage-send.service.js';
import { getEngageSendServiceToken } from '../engage-send.tokens.js';
import { EngageValidationError } from '../errors/validation.error.js';
import { SpanAttributes } from '../tracing/send-tracer.js';
import type { EngageOutboxEnqueued, EngageOutboxJob, EngageOutboxJobState } from './engage-outbox-job.interface.js';
import { OUTBOX_BACKOFF } from './outbox.constants.js';
import { parseFailureReason } from './outbox-failure.js';
import { isOutboxAction, isOutboxJobData, OUTBOX_ACTIONS, outboxJobId, type OutboxAction, type OutboxJobData, type OutboxJobResult } from './outbox-job.js';
import type { OutboxMetrics } from './outbox-metrics.js';
import { OutboxSpanAttributes, OutboxTracer } from './outbox-tracer.js';
import { RedisTypingPacer, type TypingPacerRedisClient } from './redis-typing-pacer.js';
import type { OutboxConfig } from './resolve-outbox-config.js';

type Enqueue<A extends OutboxAction> = (params: EngageActionParamsMap[A]) => Promise<EngageOutboxEnqueued>;

/**
 * The durable outbox of one Engage source: hands sends to a BullMQ queue
 * instead of awaiting them. Params are validated and the body serialised
 * before anything is stored (invalid input fails at once with the same typed
 * error as a direct send, and is never enqueued); the promise resolves once
 * the job is in Redis. Workers on any replica deliver it with the source's
 * signing, error mapping and retry rules.
 *
 * ```ts
 * const { jobId } = await outbox.messages.create({ id: '890', thread_id: '42', author, body: 'Hi' });
 * ```
 */
export class EngageOutbox implements OnModuleInit, BeforeApplicationShutdown {
  /** `messages.create`, queued. */
  readonly messages: { readonly create: Enqueue<'messages.create'> } = {
    create: (params) => this.enqueue('messages.create', params),
  };
  /** `private_messages.create`, queued. */
  readonly privateMessages: { readonly create: Enqueue<'private_messages.create'> } = {
    create: (params) => this.enqueue('private_messages.create', params),
  };
  /** `threads.create`, queued. */
  readonly threads: { readonly create: Enqueue<'threads.create'> } = {
    create: (params) => this.enqueue('threads.create', params),
  };
  /** `users.create`, queued. */
  readonly users: { readonly create: Enqueue<'users.create'> } = {
    create: (params) => this.enqueue('users.create', params),
  };
  /** `status.mark_as_read`, queued. */
  readonly status: { readonly markAsRead: Enqueue<'status.mark_as_read'> } = {
    markAsRead: (params) => this.enqueue('status.mark_as_read', params),
  };

  private readonly logger = new Logger('EngageOutbox');
  private readonly tracer: OutboxTracer;
  private readonly jobOptions: JobsOptions;
  private service: EngageSendService | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: OutboxConfig,
    private readonly queue: Queue,
    private readonly metrics: OutboxMetrics,
  ) {
    this.tracer = new OutboxTracer(config.queueName);
    this.jobOptions = Object.freeze({
      attempts: config.attempts,
      backoff: { type: OUTBOX_BACKOFF },
      removeOnComplete: { age: config.keepCompleted.age, count: config.keepCompleted.count },
      removeOnFail: { age: config.keepFailed.age, count: config.keepFailed.count },
    });
    // A Queue without an 'error' listener would throw on a Redis hiccup.
    queue.on('error', (error: Error) => this.logger.error(`queue ${config.queueName}: ${error.message}`));
  }

  /** The BullMQ queue's name. */
  get queueName(): string {
    return this.config.queueName;
  }

  /** Finds the source's `EngageSendService`, shares its typing pacing, applies the global concurrency. */
  async onModuleInit(): Promise<void> {
    this.service = resolveEngageSendService(this.moduleRef, this.config.name);
    if (this.config.sharedTypingPacing) {
      const { prefix = 'bull' } = this.queue.opts;
      const backend = this.queue.getBackend() as { client?: Promise<TypingPacerRedisClient> };
      if (backend.client === undefined) {
        throw new Error(`EngageOutboxModule: sharedTypingPacing needs BullMQ's Redis backend (queue ${this.config.queueName}); set sharedTypingPacing: false`);
      }
      this.service.useTypingPacer(new RedisTypingPacer(backend.client, `${prefix}:${this.config.queueName}:typing:`));
    }
    if (this.config.globalConcurrency !== undefined) await this.queue.setGlobalConcurrency(this.config.globalConcurrency);
  }

  beforeApplicationShutdown(): void {
    this.metrics.close();
  }

  /**
   * Stores a send in the queue; the typed methods above call this.
   *
   * @throws EngageValidationError / EngagePayloadTooLargeError, as `send` would (nothing is enqueued).
   */
  enqueue<A extends OutboxAction>(action: A, params: EngageActionParamsMap[A]): Promise<EngageOutboxEnqueued> {
    return this.tracer.inEnqueueSpan(action, { [SpanAttributes.ACTION]: action }, async (span, link) => {
      const engage = this.engage;
      span.setAttribute(SpanAttributes.SOURCE_ID, engage.sourceId);
      if (!isOutboxAction(action)) {
        throw new EngageValidationError(
          [{ path: 'action', constraints: { isOutboxAction: `the outbox queues ${OUTBOX_ACTIONS.join(', ')}; typing events are sent directly (got ${JSON.stringify(action)})` } }],
          { action: String(action), sourceId: engage.sourceId },
        );
      }
      const send = engage.prepare(action, params);
      // Validation requires the `id` of every queued action.
      const jobId = outboxJobId(action, send.contentId as string);
      span.setAttributes({ [SpanAttributes.CONTENT_ID]: send.contentId as string, [OutboxSpanAttributes.JOB_ID]: jobId });
      const data: OutboxJobData = link ? { v: 1, send, link } : { v: 1, send };
      await this.queue.add(action, data, { ...this.jobOptions, jobId, deduplication: { id: jobId, ttl: this.config.deduplicationWindowMs } });
      this.metrics.recordEnqueued(action);
      return { jobId, action, queue: this.config.queueName };
    });
  }

  /** A job's state and outcome, or `undefined` when no such job is kept (see `keepCompleted`, `keepFailed`). */
  async getJob(jobId: string): Promise<EngageOutboxJob | undefined> {
    if (typeof jobId !== 'string' || jobId === '') return undefined;
    // State first: the job read after it is at least as recent (a job read first could complete in between).
    const state = (await this.queue.getJobState(jobId)) as EngageOutboxJobState;
    const job = (await this.queue.getJob(jobId)) as Job | undefined;
    if (!job || !isOutboxJobData(job.data)) return undefined;
    const completed = state === 'completed';
    const failure = job.failedReason && !completed ? parseFailureReason(job.failedReason) : undefined;
    return {
      id: String(job.id),
      action: job.name,
      contentId: job.data.send.contentId,
      state,
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      enqueuedAt: new Date(job.timestamp).toISOString(),
      ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
      ...(completed ? { result: job.returnvalue as OutboxJobResult } : {}),
      ...(failure ? { error: failure } : {}),
    };
  }

  private get engage(): EngageSendService {
    // Set in onModuleInit; resolved here too for calls made while the app is still initialising.
    return (this.service ??= resolveEngageSendService(this.moduleRef, this.config.name));
  }
}

/** The `EngageSendService` of registration `name`, wherever it is registered in the app. */
export function resolveEngageSendService(moduleRef: ModuleRef, name: string | undefined): EngageSendService {
  try {
    return moduleRef.get<EngageSendService>(getEngageSendServiceToken(name), { strict: false });
  } catch {
    throw new Error(
      `EngageOutboxModule${name ? ` "${name}"` : ''}: no EngageSendModule registration${name ? ` named "${name}"` : ' without a name'} in this app; ` +
        `import EngageSendModule.forRoot(${name ? `{ … }, with name: "${name}"` : '…'}) next to EngageOutboxModule`,
    );
  }
}
