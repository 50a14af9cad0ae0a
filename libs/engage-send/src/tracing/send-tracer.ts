import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
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
   * CLIENT spans for HTTP attempts (stable HTTP client semantic conventions),
   * under the send's INTERNAL span:
   * - `'retries'` (default): only for a send that is retried — one CLIENT span
   *   per attempt then, the first one included. A send that succeeds at once
   *   is one span; its status and attempts are on it.
   * - `true`: one for every attempt.
   * - `false`: none. Use it when the app already runs HTTP client
   *   auto-instrumentation (`@opentelemetry/instrumentation-undici` or
   *   `-http`), which would record the same attempts a second time.
   */
  attemptSpans?: boolean | 'retries';
  /**
   * Inject the trace context (W3C `traceparent`, through the globally
   * registered propagator) into requests to Engage. Default `false`: Engage
   * has no use for it, and a request header is one more thing to leak.
   */
  propagateContext?: boolean;
}

/** A failure's span attribute: our error code for library errors. */
export function errorType(error: unknown): string {
  return error instanceof EngageSendError ? error.code : '_OTHER';
}

/**
 * The spans of a send, through `@opentelemetry/api` only: with no SDK
 * registered they are the API's no-ops, and the library never starts one
 * itself. Spans carry names, ids and statuses; never bodies, tokens or
 * signatures. The service starts and ends them around its own steps: nothing
 * here calls back into it.
 */
export class SendTracer {
  // The API returns a proxy tracer that follows whichever provider the app
  // registers, even after this was created, so one per registration is enough.
  private readonly tracer: Tracer = trace.getTracer(INSTRUMENTATION_SCOPE);
  private readonly attemptAttributes: Attributes;
  private readonly attemptSpans: 'all' | 'retries' | 'none';
  private readonly propagate: boolean;
  /** The source attribute, fixed per registration. */
  private readonly sourceId: string;

  constructor(endpoint: string, sourceId: string, options: EngageTracingOptions = {}) {
    const url = new URL(endpoint);
    this.sourceId = sourceId;
    this.attemptAttributes = Object.freeze({
      [SpanAttributes.HTTP_METHOD]: 'POST',
      [SpanAttributes.SERVER_ADDRESS]: url.hostname,
      [SpanAttributes.SERVER_PORT]: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
      [SpanAttributes.URL_FULL]: endpoint,
    });
    const attemptSpans = options.attemptSpans ?? 'retries';
    this.attemptSpans = attemptSpans === true ? 'all' : attemptSpans === false ? 'none' : 'retries';
    this.propagate = options.propagateContext ?? false;
  }

  /**
   * Starts the INTERNAL `engage.send <action>` span, a child of the active
   * context, with the send's ids (never content). Its attributes are built
   * only when it records: with no SDK a send allocates nothing for tracing.
   */
  startSend(action: string, ids: { readonly contentId?: string; readonly threadId?: string }): Span {
    const span = this.tracer.startSpan(`engage.send ${action}`, { kind: SpanKind.INTERNAL });
    if (span.isRecording()) {
      span.setAttribute(SpanAttributes.ACTION, action);
      span.setAttribute(SpanAttributes.SOURCE_ID, this.sourceId);
      if (ids.threadId !== undefined) span.setAttribute(SpanAttributes.THREAD_ID, ids.threadId);
      if (ids.contentId !== undefined) span.setAttribute(SpanAttributes.CONTENT_ID, ids.contentId);
    }
    return span;
  }

  /** Ends the send span after Engage's 200. */
  endSend(span: Span, status: number, attempts: number): void {
    if (span.isRecording()) {
      span.setAttribute(SpanAttributes.HTTP_STATUS, status);
      span.setAttribute(SpanAttributes.ATTEMPTS, attempts);
    }
    span.end();
  }

  /** Ends the send span of a `typing.start` that pacing coalesced (nothing sent). */
  endCoalesced(span: Span): void {
    if (span.isRecording()) span.setAttribute(SpanAttributes.COALESCED, true);
    span.end();
  }

  /**
   * The context to make an attempt in: the send span active, so spans of HTTP
   * auto-instrumentation sit under it. `undefined` when it records nothing
   * (no SDK): then nothing is activated at all.
   */
  attemptContext(send: Span): Context | undefined {
    return send.isRecording() ? trace.setSpan(context.active(), send) : undefined;
  }

  /**
   * Starts the CLIENT span of attempt `attempt` (1-based) under the send span,
   * when the send records and attempt spans are on (with `'retries'`, from
   * the second attempt: the first gets its span from {@link pastAttempt} if a
   * retry follows it).
   */
  startAttempt(sendContext: Context | undefined, attempt: number): Span | undefined {
    if (sendContext === undefined || this.attemptSpans === 'none' || (this.attemptSpans === 'retries' && attempt === 1)) return undefined;
    return this.attemptSpan(sendContext, attempt);
  }

  /** The CLIENT span of an attempt that started at `startedAt` (`performance.now()`) and is being retried. */
  pastAttempt(sendContext: Context | undefined, attempt: number, startedAt: number): Span | undefined {
    if (sendContext === undefined || this.attemptSpans !== 'retries') return undefined;
    return this.attemptSpan(sendContext, attempt, performance.timeOrigin + startedAt);
  }

  private attemptSpan(sendContext: Context, attempt: number, startTime?: number): Span {
    const attributes = attempt > 1 ? { ...this.attemptAttributes, [SpanAttributes.RESEND_COUNT]: attempt - 1 } : this.attemptAttributes;
    // Not made active: nothing runs inside it that could start spans.
    return this.tracer.startSpan('POST', { kind: SpanKind.CLIENT, attributes, startTime }, sendContext);
  }

  /** The headers that carry the trace context to Engage, when propagation is on. */
  propagationHeaders(sendContext: Context | undefined, attemptSpan: Span | undefined): Record<string, string> | undefined {
    if (!this.propagate) return undefined;
    const base = sendContext ?? context.active();
    const headers: Record<string, string> = {};
    propagation.inject(attemptSpan === undefined ? base : trace.setSpan(base, attemptSpan), headers);
    return headers;
  }

  /** Ends an attempt span with Engage's status, or the failure that ended the attempt. */
  endAttempt(span: Span | undefined, status: number | undefined, error?: unknown): void {
    if (span === undefined) return;
    if (status !== undefined) span.setAttribute(SpanAttributes.HTTP_STATUS, status);
    if (error !== undefined) {
      // HTTP semantic conventions: a status ≥ 400 is the error type of a client span.
      span.setAttribute(SpanAttributes.ERROR_TYPE, status !== undefined && status >= 400 ? String(status) : errorType(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }

  /** Ends the send span after a failure: error type, status, the exception (its message never holds a body or a token). */
  failSend(span: Span, error: unknown): void {
    if (span.isRecording()) {
      span.setAttribute(SpanAttributes.ERROR_TYPE, errorType(error));
      if (error instanceof EngageSendError) {
        span.setAttribute(SpanAttributes.ATTEMPTS, error.attempts);
        if (error.status !== undefined) span.setAttribute(SpanAttributes.HTTP_STATUS, error.status);
        span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      } else {
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
    }
    span.end();
  }
}
