import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { EngageAction } from '../contract/index.js';
import { INSTRUMENTATION_SCOPE } from '../engage-send.constants.js';
import { EngageSendError } from '../errors/engage-send.error.js';

/** Span attribute names. `engage.*` are ours; the others follow OpenTelemetry semantic conventions. */
export const SpanAttributes = {
  ACTION: 'engage.action',
  SOURCE_ID: 'engage.source_id',
  /** The thread the content belongs to (`thread_id`; a thread's own `id` for `threads.create`). */
  THREAD_ID: 'engage.thread_id',
  /** The integration's id of the content (`id` of creates and of `status.mark_as_read`). */
  CONTENT_ID: 'engage.content_id',
  /** HTTP attempts the send made (1 + retries). */
  ATTEMPTS: 'engage.attempts',
  /** `true` on a `typing.start` that pacing coalesced (nothing sent). */
  COALESCED: 'engage.typing.coalesced',
  HTTP_STATUS: 'http.response.status_code',
  ERROR_TYPE: 'error.type',
  HTTP_METHOD: 'http.request.method',
  SERVER_ADDRESS: 'server.address',
  SERVER_PORT: 'server.port',
  URL_FULL: 'url.full',
  RESEND_COUNT: 'http.request.resend_count',
} as const;

/** Tracing options of a registration. */
export interface EngageTracingOptions {
  /**
   * A CLIENT span per HTTP attempt (stable HTTP client semantic conventions),
   * under the send's INTERNAL span. Default `true`. Turn it off when the app
   * already runs HTTP client auto-instrumentation (`@opentelemetry/instrumentation-undici`
   * or `-http`), which would record the same attempts a second time.
   */
  attemptSpans?: boolean;
  /**
   * Inject the trace context (W3C `traceparent`, through the globally
   * registered propagator) into requests to Engage. Default `false`: Engage
   * has no use for it, and a request header is one more thing to leak.
   */
  propagateContext?: boolean;
}

/** A failure's span attributes: our error code for library errors. */
export function errorType(error: unknown): string {
  return error instanceof EngageSendError ? error.code : '_OTHER';
}

/**
 * Spans of a send, through `@opentelemetry/api` only: with no SDK registered
 * they are the API's no-ops, and the library never starts one itself. Spans
 * carry names, ids, statuses; never bodies, tokens or signatures.
 */
export class SendTracer {
  // The API returns a proxy tracer that follows whichever provider the app
  // registers, even after this was created, so one per registration is enough.
  private readonly tracer: Tracer = trace.getTracer(INSTRUMENTATION_SCOPE);
  private readonly attemptAttributes: Attributes;
  private readonly attemptSpans: boolean;
  private readonly propagate: boolean;

  constructor(endpoint: string, options: EngageTracingOptions = {}) {
    const url = new URL(endpoint);
    this.attemptAttributes = Object.freeze({
      [SpanAttributes.HTTP_METHOD]: 'POST',
      [SpanAttributes.SERVER_ADDRESS]: url.hostname,
      [SpanAttributes.SERVER_PORT]: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
      [SpanAttributes.URL_FULL]: endpoint,
    });
    this.attemptSpans = options.attemptSpans ?? true;
    this.propagate = options.propagateContext ?? false;
  }

  /** Runs `fn` inside an active INTERNAL `engage.send <action>` span and ends it. */
  inSendSpan<T>(action: EngageAction | string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
    return this.tracer.startActiveSpan(`engage.send ${action}`, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        span.setAttribute(SpanAttributes.ERROR_TYPE, errorType(error));
        if (error instanceof EngageSendError) {
          if (error.status !== undefined) span.setAttribute(SpanAttributes.HTTP_STATUS, error.status);
          // Our errors' messages and stacks are built without secrets or bodies.
          span.recordException(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        } else {
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        throw error;
      } finally {
        span.end();
      }
    });
  }

  /**
   * Runs one HTTP attempt inside a CLIENT span (unless attempt spans are off).
   * `fn` receives the headers to add: the trace context when propagation is
   * on, otherwise `undefined` (nothing is allocated).
   */
  async inAttemptSpan<T extends number>(attempt: number, fn: (headers: Record<string, string> | undefined) => Promise<T>): Promise<T> {
    if (!this.attemptSpans) return fn(this.propagationHeaders(context.active()));
    const attributes = attempt > 1 ? { ...this.attemptAttributes, [SpanAttributes.RESEND_COUNT]: attempt - 1 } : this.attemptAttributes;
    // The span is a child of the active (send) span but is not made active itself:
    // nothing runs inside it that could start spans, and activating a context costs
    // an AsyncLocalStorage switch per attempt. Propagation injects its context directly.
    const span = this.tracer.startSpan('POST', { kind: SpanKind.CLIENT, attributes });
    try {
      const status = await fn(this.propagate ? this.propagationHeaders(trace.setSpan(context.active(), span)) : undefined);
      span.setAttribute(SpanAttributes.HTTP_STATUS, status);
      return status;
    } catch (error) {
      if (error instanceof EngageSendError && error.status !== undefined) span.setAttribute(SpanAttributes.HTTP_STATUS, error.status);
      if (error instanceof EngageSendError && error.status !== undefined && error.status >= 400) {
        // HTTP semantic conventions: a status ≥ 400 is the error type of a client span.
        span.setAttribute(SpanAttributes.ERROR_TYPE, String(error.status));
      } else {
        span.setAttribute(SpanAttributes.ERROR_TYPE, errorType(error));
      }
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }

  private propagationHeaders(ctx: Context): Record<string, string> | undefined {
    if (!this.propagate) return undefined;
    const headers: Record<string, string> = {};
    propagation.inject(ctx, headers);
    return headers;
  }
}
