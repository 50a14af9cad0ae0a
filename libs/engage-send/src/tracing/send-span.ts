import { SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { EngageAction } from '../actions/engage-action.js';
import { INSTRUMENTATION_SCOPE } from '../engage-send.constants.js';
import { EngageSendError } from '../errors/engage-send.error.js';

/** Span attribute names. `engage.*` are ours; the others follow OpenTelemetry semantic conventions. */
export const SpanAttributes = {
  ACTION: 'engage.action',
  SOURCE_ID: 'engage.source_id',
  HTTP_STATUS: 'http.response.status_code',
  ERROR_TYPE: 'error.type',
  /** HTTP attempts the send made (1 + retries). */
  ATTEMPTS: 'engage.attempts',
  /** `true` on a `typing.start` that pacing coalesced (nothing sent). */
  COALESCED: 'engage.typing.coalesced',
} as const;

/**
 * One span per send, through `@opentelemetry/api` only: with no SDK
 * registered it is the API's no-op, and the library never starts one itself.
 * Spans carry names, ids and statuses; never bodies, tokens or signatures.
 */
export class SendTracer {
  // The API returns a proxy tracer that follows whichever provider the app
  // registers, even after this was created, so one per module is enough.
  private readonly tracer: Tracer = trace.getTracer(INSTRUMENTATION_SCOPE);

  /** Runs `fn` inside an active `engage.send <action>` span and ends it. */
  async inSpan<T>(action: EngageAction | string, sourceId: string, fn: (span: Span) => Promise<T>): Promise<T> {
    return this.tracer.startActiveSpan(
      `engage.send ${action}`,
      { kind: SpanKind.INTERNAL, attributes: { [SpanAttributes.ACTION]: action, [SpanAttributes.SOURCE_ID]: sourceId } },
      async (span) => {
        try {
          return await fn(span);
        } catch (error) {
          SendTracer.recordFailure(span, error);
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private static recordFailure(span: Span, error: unknown): void {
    // Only our own errors reach here; their messages are built without secrets.
    if (error instanceof EngageSendError) {
      span.setAttribute(SpanAttributes.ERROR_TYPE, error.code);
      if (error.status !== undefined) span.setAttribute(SpanAttributes.HTTP_STATUS, error.status);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    } else {
      span.setAttribute(SpanAttributes.ERROR_TYPE, '_OTHER');
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
}
