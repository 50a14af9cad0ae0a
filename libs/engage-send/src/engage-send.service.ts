import { setMaxListeners } from 'node:events';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Attributes, Span } from '@opentelemetry/api';
import type { HttpService } from '@nestjs/axios';
import { AxiosError } from 'axios';
import type { EngageActionParamsMap } from './dto/action-params.map.js';
import { isEngageAction, type EngageAction } from './contract/index.js';
import type { IgnoredProperty } from './validation/contract-checker.js';
import { ParamsValidator } from './validation/params-validator.js';
import { ENGAGE_HTTP_SERVICE, ENGAGE_SEND_CONFIG } from './engage-send.constants.js';
import { engageTransportOf } from './http/create-engage-http-service.js';
import type { EngageTransport } from './http/engage-transport.js';
import type { EngageSendCallOptions, EngageSendResult } from './engage-send-result.interface.js';
import { sendIds, type PreparedSend, type SendIds } from './prepared-send.js';
import { EngageSendError } from './errors/engage-send.error.js';
import { errorFromResponse } from './errors/error-from-response.js';
import { EngageRateLimitError, EngageUnexpectedResponseError } from './errors/engage-api.errors.js';
import { EngageAbortedError, EngageQueueFullError, EngageShutdownError } from './errors/reliability.errors.js';
import { EngagePayloadTooLargeError } from './errors/payload-too-large.error.js';
import { MAX_BODY_BYTES, TYPING_WINDOW_MS } from './contract/index.js';
import { EngageConnectionError, EngageTimeoutError } from './errors/transport.errors.js';
import { EngageValidationError } from './errors/validation.error.js';
import type { EngageSendConfig } from './options/resolved-config.js';
import { abortableSleep } from './reliability/abortable-sleep.js';
import { MIN_ATTEMPT_MS, resolveRetryPolicy, retryDelay, retryOptionProblems } from './reliability/retry-policy.js';
import { AcquireRefusedError, SendLimiter } from './reliability/send-limiter.js';
import type { EngageTypingPacer } from './reliability/engage-typing-pacer.js';
import { TypingPacer } from './reliability/typing-pacer.js';
import { TypingThreads } from './reliability/typing-threads.js';
import { SendMetrics } from './metrics/send-metrics.js';
import { errorType, SpanAttributes, SendTracer } from './tracing/send-span.js';

type Send<A extends EngageAction> = (
  params: EngageActionParamsMap[A],
  options?: EngageSendCallOptions,
) => Promise<EngageSendResult<A>>;

/** Engage's messages are one short line; cap what we copy into errors and logs. */
const MAX_ENGAGE_MESSAGE_CHARS = 500;
/** Distinct ignored properties warned about; beyond it, no more warnings (the log stays bounded). */
const MAX_WARNED_PROPERTIES = 1_000;
/** Threads whose typing window is tracked at once; the oldest are forgotten beyond it. */
const MAX_TYPING_THREADS = 50_000;

/**
 * Sends content to one Engage source. Every call validates the params,
 * serialises them once, signs exactly those bytes, POSTs them to
 * `/realtime/sdk/{sourceId}` and resolves with an {@link EngageSendResult},
 * or rejects with an {@link EngageSendError} subclass. Invalid params never
 * leave the process.
 *
 * ```ts
 * await engage.messages.create({ id: '890', thread_id: '42', author: { id: '666', screenname: 'John Doe' }, body: 'Hi' });
 * ```
 */
@Injectable()
export class EngageSendService implements BeforeApplicationShutdown {
  /** `messages.create`: a public message in a thread. */
  readonly messages: { readonly create: Send<'messages.create'> } = {
    create: (params, options) => this.send('messages.create', params, options),
  };
  /** `private_messages.create`: a private message to a `recipient`. */
  readonly privateMessages: { readonly create: Send<'private_messages.create'> } = {
    create: (params, options) => this.send('private_messages.create', params, options),
  };
  /** `threads.create`: a new thread. */
  readonly threads: { readonly create: Send<'threads.create'> } = {
    create: (params, options) => this.send('threads.create', params, options),
  };
  /** `users.create`: an end-user identity. */
  readonly users: { readonly create: Send<'users.create'> } = {
    create: (params, options) => this.send('users.create', params, options),
  };
  /** `status.mark_as_read`: marks an agent's content as read. */
  readonly status: { readonly markAsRead: Send<'status.mark_as_read'> } = {
    markAsRead: (params, options) => this.send('status.mark_as_read', params, options),
  };
  /** `typing.start` / `typing.stop`: the end user's typing indicator. */
  readonly typing: { readonly start: Send<'typing.start'>; readonly stop: Send<'typing.stop'> } = {
    start: (params, options) => this.send('typing.start', params, options),
    stop: (params, options) => this.send('typing.stop', params, options),
  };

  private readonly logger: Logger;
  private readonly validator: ParamsValidator;
  private readonly transport: EngageTransport;
  private readonly tracer: SendTracer;
  private readonly metrics: SendMetrics;
  private readonly limiter: SendLimiter;
  private typingPacer: EngageTypingPacer;
  /** The thread of each content sent: a typing event naming only a message is paced with its thread. */
  private readonly typingThreads = new TypingThreads(MAX_TYPING_THREADS);
  /** Aborted when the shutdown grace period ends: cancels whatever still runs. */
  private readonly shutdown = ((controller) => {
    // Every send in flight listens to it: that is not a leak, so no listener limit.
    setMaxListeners(0, controller.signal);
    return controller;
  })(new AbortController());
  private closing = false;
  /** `<action> <pattern>` of the ignored properties already warned about. */
  private readonly warned = new Set<string>();

  constructor(
    @Inject(ENGAGE_SEND_CONFIG) private readonly config: EngageSendConfig,
    @Inject(ENGAGE_HTTP_SERVICE) http: HttpService,
  ) {
    this.logger = new Logger(config.name ? `EngageSend:${config.name}` : 'EngageSend');
    this.transport = engageTransportOf(http, config.endpoint);
    this.validator = new ParamsValidator({
      unknownProperties: config.unknownProperties,
      sourceOptions: config.sourceOptions,
    });
    this.limiter = new SendLimiter(config.maxInFlight, config.maxQueue);
    this.typingPacer = new TypingPacer(TYPING_WINDOW_MS, MAX_TYPING_THREADS);
    this.tracer = new SendTracer(config.endpoint, config.tracing);
    this.metrics = new SendMetrics(config.sourceId, { inFlight: () => this.limiter.inFlight, queued: () => this.limiter.queued });
  }

  /** The Engage source id this service sends to. */
  get sourceId(): string {
    return this.config.sourceId;
  }

  /** Sends holding a slot (see `maxInFlight`). */
  get inFlight(): number {
    return this.limiter.inFlight;
  }

  /** Sends waiting for a slot (see `maxQueue`). */
  get queued(): number {
    return this.limiter.queued;
  }

  /**
   * Replaces the pacer of `typing.start` (see `typingPacing`), e.g. with
   * `engage-send/outbox`'s, which replicas share through Redis. Call it before
   * the first typing event; events already admitted report to the old pacer.
   */
  useTypingPacer(pacer: EngageTypingPacer): void {
    this.typingPacer = pacer;
  }

  /**
   * Sends any action with its params; the typed methods above call this.
   *
   * @throws EngageValidationError when the params break the contract (nothing is sent).
   * @throws EngagePayloadTooLargeError when the body is over 20 971 520 bytes (nothing is sent).
   * @throws EngageQueueFullError / EngageShutdownError / EngageAbortedError when the send could not run.
   * @throws EngageSendError subclasses for Engage's answers and transport failures, after retries.
   */
  // Not `async`: it returns the span's promise as is (one promise fewer per send).
  send<A extends EngageAction>(
    action: A,
    params: EngageActionParamsMap[A],
    options: EngageSendCallOptions = {},
  ): Promise<EngageSendResult<A>> {
    return this.run(action, sendIds(action, params, this.typingKey), () => this.serialise(action, params), options);
  }

  /**
   * Validates and serialises a send without sending it: the returned
   * {@link PreparedSend} holds the exact body that {@link sendPrepared} signs
   * and posts. For callers that store a send before delivering it (a queue);
   * a `PreparedSend` is plain data and survives `JSON` round trips.
   *
   * @throws EngageValidationError / EngagePayloadTooLargeError, as `send` would (nothing is sent).
   */
  prepare<A extends EngageAction>(action: A, params: EngageActionParamsMap[A]): PreparedSend<A> {
    const body = this.serialise(action, params);
    return { action, body, ...sendIds(action, params, this.typingKey) };
  }

  /**
   * Sends a body made by {@link prepare}, with the same pacing, signing,
   * retries, spans, metrics and typed errors as `send`. The body is not
   * validated again.
   */
  sendPrepared<A extends EngageAction>(prepared: PreparedSend<A>, options: EngageSendCallOptions = {}): Promise<EngageSendResult<A>> {
    const { action, body } = prepared;
    return this.run(action, prepared, () => body, options);
  }

  /** A typing event's pacing key (bound: handed to `sendIds`). */
  private readonly typingKey = (params: { thread_id?: unknown; in_reply_to_id?: unknown }): string => this.typingThreads.keyFor(params);

  private run<A extends EngageAction>(
    action: A,
    ids: SendIds,
    serialise: () => string,
    options: EngageSendCallOptions,
  ): Promise<EngageSendResult<A>> {
    const { sourceId } = this.config;
    const started = performance.now();
    return this.tracer.inSendSpan(action, this.spanAttributes(action, ids), async (span) => {
      const context = { action, sourceId };
      // The pacer that admitted this start hears how it ended, even if replaced meanwhile.
      const pacer = this.typingPacer;
      let ticket: object | undefined;
      try {
        if (this.closing) throw new EngageShutdownError({ ...context, phase: 'refused' });
        if (options.retry !== undefined) this.checkCallRetry(options.retry, context);
        const body = serialise();
        if (action === 'typing.start' && this.config.typingPacing !== 'off') {
          let admission = pacer.admit(ids.typingKey as string);
          // The in-process pacer answers synchronously: only a shared one costs an await.
          if (admission instanceof Promise) admission = await admission;
          if ('waitMs' in admission) {
            if (this.config.typingPacing === 'error') throw new EngageRateLimitError({ ...context, retryAfterMs: admission.waitMs });
            span.setAttribute(SpanAttributes.COALESCED, true);
            this.metrics.recordSend(action, 'coalesced', (performance.now() - started) / 1000);
            return { action, sourceId, status: undefined, attempts: 0, coalesced: true, durationMs: performance.now() - started };
          }
          ticket = admission;
        } else if (action === 'typing.stop') {
          const reset = pacer.reset(ids.typingKey as string);
          if (reset instanceof Promise) await reset;
        }
        const { status, attempts } = await this.deliver(action, body, options, started, span);
        span.setAttribute(SpanAttributes.HTTP_STATUS, status);
        if (ticket) pacer.answered(ticket);
        if (ids.threadId !== undefined && ids.contentId !== undefined) this.typingThreads.remember(ids.contentId, ids.threadId);
        const durationMs = performance.now() - started;
        this.metrics.recordSend(action, 'success', durationMs / 1000);
        // Built only when someone reads it: this runs on every successful send.
        if (Logger.isLevelEnabled('debug')) {
          this.logger.debug(`${action} to source ${sourceId}: 200 in ${durationMs.toFixed(1)} ms, ${attempts} attempt(s)`);
        }
        return { action, sourceId, status, attempts, coalesced: false, durationMs };
      } catch (error) {
        if (ticket) pacer.failed(ticket);
        this.metrics.recordSend(action, 'failure', (performance.now() - started) / 1000, errorType(error));
        if (error instanceof EngageSendError) {
          span.setAttribute(SpanAttributes.ATTEMPTS, error.attempts);
          this.logger.warn(
            `${action} to source ${sourceId} failed: ${error.code}` +
              `${error.status === undefined ? '' : ` (HTTP ${error.status})`}, ${error.attempts} attempt(s), ${(performance.now() - started).toFixed(1)} ms`,
          );
        }
        throw error;
      }
    });
  }

  /**
   * Stops accepting sends, lets in-flight and queued ones finish for up to
   * `shutdownGraceMs`, then aborts the rest with `EngageShutdownError`.
   * Called by Nest before application shutdown (`app.close()`).
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.limiter.close();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.shutdownGraceMs);
    });
    const outcome = await Promise.race([this.limiter.idle(), graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn(`shutdown grace period (${this.config.shutdownGraceMs} ms) over: aborting ${this.limiter.inFlight} in-flight and ${this.limiter.queued} queued send(s)`);
      this.limiter.rejectQueued();
      this.shutdown.abort();
      await this.limiter.idle();
    }
    this.metrics.close();
  }

  /** The send span's attributes: ids only, never content. */
  private spanAttributes(action: string, ids: SendIds): Attributes {
    const attributes: Attributes = { [SpanAttributes.ACTION]: action, [SpanAttributes.SOURCE_ID]: this.config.sourceId };
    if (ids.threadId !== undefined) attributes[SpanAttributes.THREAD_ID] = ids.threadId;
    if (ids.contentId !== undefined) attributes[SpanAttributes.CONTENT_ID] = ids.contentId;
    return attributes;
  }

  /** Waits for a slot, then makes attempts until one succeeds or the retry policy says stop. */
  private async deliver(
    action: EngageAction,
    body: string,
    options: EngageSendCallOptions,
    started: number,
    span: Span,
  ): Promise<{ status: number; attempts: number }> {
    const policy = options.retry === undefined ? this.config.retry : resolveRetryPolicy(options.retry, this.config.retry);
    const signal = options.signal ? AbortSignal.any([options.signal, this.shutdown.signal]) : this.shutdown.signal;
    const context = { action, sourceId: this.config.sourceId };
    // A free slot is taken synchronously; only a send that must wait pays for a promise.
    const release =
      this.limiter.tryAcquire() ??
      (await this.limiter.acquire(signal).catch((refusal: unknown) => {
        throw this.refusalError(refusal, context, options.signal);
      }));
    try {
      const deadline = started + policy.deadlineMs;
      for (let attempt = 1; ; attempt++) {
        if (signal.aborted) throw this.abortError(context, attempt - 1, options.signal);
        const attemptStarted = performance.now();
        const timeoutMs = Math.min(options.timeoutMs ?? this.config.timeoutMs, Math.max(1, Math.floor(deadline - attemptStarted)));
        try {
          const status = await this.tracer.inAttemptSpan(attempt, (headers) => this.post(action, body, { timeoutMs, signal, headers }, attempt));
          this.metrics.recordAttempt(action, (performance.now() - attemptStarted) / 1000, status);
          span.setAttribute(SpanAttributes.ATTEMPTS, attempt);
          return { status, attempts: attempt };
        } catch (error) {
          this.metrics.recordAttempt(action, (performance.now() - attemptStarted) / 1000, (error as EngageSendError).status, errorType(error));
          if (signal.aborted) throw this.abortError(context, attempt, options.signal);
          if (!(error instanceof EngageSendError)) throw error;
          const delay = retryDelay(error, attempt, action, policy);
          if (delay === undefined || performance.now() + delay + MIN_ATTEMPT_MS > deadline) throw error;
          this.metrics.recordRetry(action, error.code);
          await abortableSleep(delay, signal).catch(() => {
            throw this.abortError(context, attempt, options.signal);
          });
        }
      }
    } finally {
      release();
    }
  }

  /** A per-call retry policy is checked like the module's, as a validation error naming the option. */
  private checkCallRetry(retry: EngageSendCallOptions['retry'], context: { action: string; sourceId: string }): void {
    const problems = retryOptionProblems(retry);
    if (problems.length === 0) return;
    throw new EngageValidationError(
      problems.map((problem) => ({ path: `options.${problem.split(' ')[0]}`, constraints: { retryOption: problem } })),
      context,
    );
  }

  /** The typed error for a send aborted by its caller or by shutdown. */
  private abortError(context: { action: string; sourceId: string }, attempts: number, callerSignal?: AbortSignal): EngageSendError {
    return callerSignal?.aborted
      ? new EngageAbortedError({ ...context, attempts })
      : new EngageShutdownError({ ...context, attempts, phase: 'aborted' });
  }

  private refusalError(refusal: unknown, context: { action: string; sourceId: string }, callerSignal?: AbortSignal): EngageSendError {
    if (refusal instanceof AcquireRefusedError && refusal.reason === 'queue-full') {
      return new EngageQueueFullError({ ...context, maxInFlight: this.limiter.maxInFlight, maxQueue: this.limiter.maxQueue });
    }
    if (refusal instanceof AcquireRefusedError && refusal.reason === 'closed' && this.shutdown.signal.aborted) {
      return new EngageShutdownError({ ...context, phase: 'aborted' });
    }
    if (refusal instanceof AcquireRefusedError && refusal.reason === 'closed') return new EngageShutdownError({ ...context, phase: 'refused' });
    return this.abortError(context, 0, callerSignal);
  }

  /** Validates, then serialises once: the returned string is what is signed and sent. */
  private serialise(action: string, params: unknown): string {
    const context = { action, sourceId: this.config.sourceId };
    if (!isEngageAction(action)) {
      throw new EngageValidationError(
        [{ path: 'action', constraints: { isEngageAction: `action must be a Send API action (got ${JSON.stringify(action)})` } }],
        context,
      );
    }
    const validation = this.validator.validate(action, params);
    if (!validation.ok) throw new EngageValidationError(validation.errors, context, validation.unlisted);
    if (validation.ignored !== undefined) this.warnIgnored(action, validation.ignored);
    const body = JSON.stringify({ action, params: validation.value });
    // Engage's limit is in bytes; a string's length is in UTF-16 units. Skip
    // the byte count when even 3 bytes per unit (UTF-8's worst case) fits.
    if (body.length * 3 > MAX_BODY_BYTES) {
      const bodyBytes = Buffer.byteLength(body, 'utf8');
      if (bodyBytes > MAX_BODY_BYTES) throw new EngagePayloadTooLargeError({ ...context, bodyBytes });
    }
    return body;
  }

  /**
   * Properties Engage would ignore are sent (or stripped) as configured, and
   * said once per action and field: a typo such as `thread_Id` is noticed
   * without ever failing a send Engage would take.
   */
  private warnIgnored(action: EngageAction, ignored: readonly IgnoredProperty[]): void {
    for (const property of ignored) {
      const key = `${action} ${property.pattern}`;
      if (this.warned.has(key) || this.warned.size >= MAX_WARNED_PROPERTIES) continue;
      this.warned.add(key);
      const why = property.reason === 'unknown' ? 'is not part of the Send API contract' : property.reason === 'reserved' ? 'is a reserved JavaScript name' : 'is not read by Engage there';
      const hint = property.hint === undefined ? '' : ` (did you mean "${property.hint}"?)`;
      const fate = property.reason === 'reserved' || this.config.unknownProperties === 'strip' ? 'not sent' : 'sent as given';
      this.logger.warn(`${action}: ${property.pattern} ${why}${hint}; Engage ignores it, ${fate}. Said once per action and field.`);
    }
  }

  /** One HTTP attempt. Resolves with the status on 200; throws the typed error otherwise. */
  private async post(
    action: string,
    body: string,
    { timeoutMs, signal, headers }: { timeoutMs: number; signal: AbortSignal; headers?: Record<string, string> },
    attempt: number,
  ): Promise<number> {
    const context = { action, sourceId: this.config.sourceId, attempts: attempt };
    let response;
    try {
      response = await this.transport.post(body, { timeoutMs, signal, headers });
    } catch (error) {
      throw EngageSendService.transportError(error, { ...context, timeoutMs });
    }
    const text = response.text.trim().slice(0, MAX_ENGAGE_MESSAGE_CHARS);
    if (response.status === 200 && text === 'ok') return response.status;
    if (response.status === 200) throw new EngageUnexpectedResponseError({ ...context, status: 200, engageMessage: text });
    throw errorFromResponse(response.status, text, { ...context, retryAfter: response.headers['retry-after'] as string | undefined });
  }

  /**
   * Maps an axios failure to a typed error. The axios error itself is not kept
   * as `cause`: its `config` holds the signed body and the signature header.
   */
  private static transportError(
    error: unknown,
    context: { action: string; sourceId: string; attempts: number; timeoutMs: number },
  ): EngageSendError {
    if (!(error instanceof AxiosError)) {
      return new EngageConnectionError({ ...context, systemCode: 'UNKNOWN' });
    }
    const code = error.code;
    if (code === AxiosError.ECONNABORTED || code === AxiosError.ETIMEDOUT) return new EngageTimeoutError(context);
    if (code === AxiosError.ERR_BAD_RESPONSE) {
      // e.g. an answer over MAX_RESPONSE_BYTES: Engage never sends one.
      return new EngageUnexpectedResponseError({ ...context, status: error.response?.status, engageMessage: 'response too large or unreadable' });
    }
    const systemCode = (error.cause as NodeJS.ErrnoException | undefined)?.code ?? code;
    return new EngageConnectionError({ ...context, systemCode });
  }
}
