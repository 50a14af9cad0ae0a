import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { EngageSendService } from '../engage-send.service.js';
import { EngageErrorCode } from '../errors/engage-error-code.js';
import { EngageSendError } from '../errors/engage-send.error.js';
import { SpanAttributes } from '../tracing/send-tracer.js';
import { failureReason, judgeAttempt, OutboxRetryableError, type AttemptVerdict } from './outbox-failure.js';
import { isOutboxJobData, type OutboxJobResult } from './outbox-job.js';
import type { OutboxMetrics } from './outbox-metrics.js';
import { OutboxSpanAttributes, type OutboxTracer } from './outbox-tracer.js';
import type { OutboxConfig } from './resolve-outbox-config.js';

/** BullMQ's error classes that steer a job (loaded with BullMQ). */
export interface JobControlErrors {
  /** Fails the job for good, whatever attempts remain. */
  readonly UnrecoverableError: new (message?: string) => Error;
  /** Tells the worker the job was moved (here: back to the queue) rather than failed. */
  readonly DelayedError: new (message?: string) => Error;
}

/** The worker a job is delivered by, as far as delivery needs it. */
export interface DeliveringWorker {
  close(): Promise<void>;
}

/** A handed-back job waits this long before another worker takes it. */
const HAND_BACK_DELAY_MS = 1_000;

/**
 * Delivers one job: exactly one attempt through `EngageSendService.sendPrepared`
 * (same signing, error mapping, spans and metrics as a direct send), then
 * tells BullMQ what the outcome means: delivered (the job completes), retry
 * after a backoff (honouring Retry-After), fail for good (Engage refused the
 * content: `UnrecoverableError`, the error recorded), or hand back (this
 * replica could not try: the job returns to the queue, no attempt counted).
 */
export class OutboxDelivery {
  private readonly logger = new Logger('EngageOutbox');

  constructor(
    private readonly engage: () => EngageSendService,
    private readonly config: OutboxConfig,
    private readonly errors: JobControlErrors,
    private readonly metrics: OutboxMetrics,
    private readonly tracer: OutboxTracer,
  ) {}

  async deliver(job: Job, token: string | undefined, worker: DeliveringWorker): Promise<OutboxJobResult> {
    const data: unknown = job.data;
    if (!isOutboxJobData(data)) throw new this.errors.UnrecoverableError(`job ${String(job.id)} is not an engage-send outbox job`);
    const { send, link } = data;
    const attempt = job.attemptsMade + 1;
    // The job's own budget: the producer that stored it decided it.
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    const attributes = {
      [SpanAttributes.ACTION]: send.action,
      [OutboxSpanAttributes.JOB_ID]: String(job.id),
      [OutboxSpanAttributes.ATTEMPT]: attempt,
      ...(send.contentId === undefined ? {} : { [SpanAttributes.CONTENT_ID]: send.contentId }),
    };
    let verdict: AttemptVerdict | undefined;
    try {
      const result = await this.tracer.inDeliverySpan(send.action, attributes, link, async (span) => {
        try {
          return await this.engage().sendPrepared(send, { retry: false });
        } catch (error) {
          if (error instanceof EngageSendError) {
            verdict = judgeAttempt(error, send.action, attempt, this.config.retry);
            span.setAttribute('engage.outbox.outcome', outcomeOf(verdict, lastAttempt));
          }
          throw error;
        }
      });
      const ageMs = Date.now() - job.timestamp;
      this.metrics.recordJob(send.action, 'delivered', undefined, ageMs / 1000);
      return { status: result.status, ageMs };
    } catch (error) {
      if (!(error instanceof EngageSendError) || verdict === undefined) throw error;
      const outcome = outcomeOf(verdict, lastAttempt);
      this.metrics.recordJob(send.action, outcome, outcome === 'handed_back' ? undefined : error.code);
      if (verdict.kind === 'hand-back') {
        // This replica is closing (or saturated): stop taking jobs, and give this one back.
        if (error.code === EngageErrorCode.SHUTTING_DOWN) void worker.close();
        await job.moveToDelayed(Date.now() + HAND_BACK_DELAY_MS, token);
        throw new this.errors.DelayedError();
      }
      if (outcome === 'failed') this.logger.warn(`job ${String(job.id)} failed for good after ${attempt} attempt(s): ${failureReason(error)}`);
      if (verdict.kind === 'fail') throw new this.errors.UnrecoverableError(failureReason(error));
      throw new OutboxRetryableError(error, verdict.delayMs);
    }
  }
}

/** The metric outcome of a failed attempt. */
function outcomeOf(verdict: AttemptVerdict, lastAttempt: boolean): 'retried' | 'failed' | 'handed_back' {
  if (verdict.kind === 'hand-back') return 'handed_back';
  return verdict.kind === 'retry' && !lastAttempt ? 'retried' : 'failed';
}
