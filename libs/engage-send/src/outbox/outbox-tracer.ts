import { isSpanContextValid, SpanKind, SpanStatusCode, trace, type Attributes, type Link, type Span, type Tracer } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from '../engage-send.constants.js';
import { EngageSendError } from '../errors/engage-send.error.js';
import { errorType, SpanAttributes } from '../tracing/send-tracer.js';
import type { OutboxTraceLink } from './outbox-job.js';

/** Span attributes of the outbox, next to {@link SpanAttributes}. */
export const OutboxSpanAttributes = {
  /** The BullMQ queue (OpenTelemetry messaging conventions). */
  QUEUE: 'messaging.destination.name',
  /** The job id. */
  JOB_ID: 'messaging.message.id',
  /** `send` when enqueueing, `process` when delivering. */
  OPERATION: 'messaging.operation.type',
  /** Which delivery attempt of the job this is (1-based). */
  ATTEMPT: 'engage.outbox.attempt',
} as const;

/**
 * The outbox's spans, through `@opentelemetry/api` only. Enqueueing is a
 * PRODUCER span in the caller's trace; each delivery attempt is a CONSUMER
 * span that starts its own trace and links to the producer span, whose
 * context travels in the job (the send's `engage.send` span is its child).
 */
export class OutboxTracer {
  private readonly tracer: Tracer = trace.getTracer(INSTRUMENTATION_SCOPE);

  constructor(private readonly queueName: string) {}

  /** Runs `fn` in an active `engage.outbox.enqueue <action>` span; `fn` gets the link to store in the job. */
  inEnqueueSpan<T>(action: string, attributes: Attributes, fn: (span: Span, link: OutboxTraceLink | undefined) => Promise<T>): Promise<T> {
    const spanAttributes = { ...attributes, [OutboxSpanAttributes.QUEUE]: this.queueName, [OutboxSpanAttributes.OPERATION]: 'send' };
    return this.tracer.startActiveSpan(`engage.outbox.enqueue ${action}`, { kind: SpanKind.PRODUCER, attributes: spanAttributes }, (span) => {
      const context = span.spanContext();
      const link = isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId, traceFlags: context.traceFlags } : undefined;
      return this.ended(span, () => fn(span, link));
    });
  }

  /** Runs `fn` in an active `engage.outbox.deliver <action>` span, linked to the span that enqueued the job. */
  inDeliverySpan<T>(action: string, attributes: Attributes, link: OutboxTraceLink | undefined, fn: (span: Span) => Promise<T>): Promise<T> {
    const links: Link[] = link ? [{ context: { ...link, isRemote: true } }] : [];
    const spanAttributes = { ...attributes, [OutboxSpanAttributes.QUEUE]: this.queueName, [OutboxSpanAttributes.OPERATION]: 'process' };
    return this.tracer.startActiveSpan(`engage.outbox.deliver ${action}`, { kind: SpanKind.CONSUMER, root: true, links, attributes: spanAttributes }, (span) =>
      this.ended(span, () => fn(span)),
    );
  }

  private async ended<T>(span: Span, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      span.setAttribute(SpanAttributes.ERROR_TYPE, errorType(error));
      // Our errors carry no secret and no body; anything else is reported by type only.
      if (error instanceof EngageSendError) {
        span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      } else {
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      throw error;
    } finally {
      span.end();
    }
  }
}
