import { SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from '../engage-send.constants.js';
import { SpanAttributes } from '../tracing/send-tracer.js';

/** Span attributes of a received call besides the shared `SpanAttributes`. */
export const ReceiveSpanAttributes = {
  /** How the call ended: see {@link ReceiveOutcome}. */
  OUTCOME: 'engage.outcome',
} as const;

/**
 * How a received call ended: `success` (answered 2xx), `content_error` (2xx
 * with `{"error": …}` about one content), `refused` (4xx, no handler ran),
 * `error` (5xx: the handler failed or answered outside the contract),
 * `aborted` (the caller left before the body arrived).
 */
export type ReceiveOutcome = 'success' | 'content_error' | 'refused' | 'error' | 'aborted';

/**
 * The SERVER span of each call, `engage.receive <action>`, through
 * `@opentelemetry/api` only. It is active while the handler runs, so sends
 * made from a handler are its children. It never carries the body, the
 * token or the signature; the action is set only once the signature is
 * verified and the name is one the endpoint knows.
 */
export class ReceiveTracer {
  private readonly tracer: Tracer = trace.getTracer(INSTRUMENTATION_SCOPE);

  constructor(private readonly sourceId: string) {}

  /** Runs `fn` in an active `engage.receive` span and ends it. */
  inReceiveSpan<T>(fn: (span: Span) => Promise<T>): Promise<T> {
    return this.tracer.startActiveSpan(
      'engage.receive',
      { kind: SpanKind.SERVER, attributes: { [SpanAttributes.SOURCE_ID]: this.sourceId } },
      async (span) => {
        try {
          return await fn(span);
        } finally {
          span.end();
        }
      },
    );
  }

  /** Names the span after the verified action. */
  static named(span: Span, action: string): void {
    span.updateName(`engage.receive ${action}`);
    span.setAttribute(SpanAttributes.ACTION, action);
  }

  /** Records how the call ended. */
  static ended(span: Span, outcome: ReceiveOutcome, status: number | undefined, errorType?: string): void {
    span.setAttribute(ReceiveSpanAttributes.OUTCOME, outcome);
    if (status !== undefined) span.setAttribute(SpanAttributes.HTTP_STATUS, status);
    if (errorType !== undefined) span.setAttribute(SpanAttributes.ERROR_TYPE, errorType);
    if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
  }
}
