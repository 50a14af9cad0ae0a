import { setMaxListeners } from 'node:events';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { context as otelContext, type Span } from '@opentelemetry/api';
import { isEngageAction, TYPING_WINDOW_MS, type EngageAction } from './contract/index.js';
import type { EngageActionParamsMap } from './dto/action-params.map.js';
import { ENGAGE_HTTP, ENGAGE_SEND_CONFIG } from './engage-send.constants.js';
import type { EngageSendCallOptions, EngageSendResult } from './engage-send-result.interface.js';
import { EngageRateLimitError } from './errors/engage-api.errors.js';
import { EngageSendError, type EngageErrorContext } from './errors/engage-send.error.js';
import { errorFromAnswer, errorFromFailure, isSuccess, type SendFailureContext } from './errors/error-from-answer.js';
import { EngageAbortedError, EngageQueueFullError, EngageQueueTimeoutError, EngageShutdownError } from './errors/reliability.errors.js';
import { EngageValidationError } from './errors/validation.error.js';
import type { EngageHttp } from './http/engage-http.js';
import type { EngageAnswer, EngageTransport } from './http/engage-transport.js';
import { SendMetrics } from './metrics/send-metrics.js';
import type { EngageSendConfig } from './options/engage-send-config.js';
import { sendIds, serialiseSend, type PreparedSend, type SendIds } from './prepared-send.js';
import { abortableSleep } from './reliability/abortable-sleep.js';
import type { EngageTypingPacer } from './reliability/engage-typing-pacer.js';
import { certainlyNotProcessed, MIN_ATTEMPT_MS, resolveRetryPolicy, retryDelay, retryOptionProblems, type RetryPolicy } from './reliability/retry-policy.js';
import { AcquireRefusedError, SendLimiter } from './reliability/send-limiter.js';
import { TypingPacer } from './reliability/typing-pacer.js';
import { TypingThreads } from './reliability/typing-threads.js';
import { SendTracer, errorType } from './tracing/send-tracer.js';
import type { IgnoredProperty } from './validation/contract-checker.js';
import { ParamsValidator } from './validation/params-validator.js';

type Send<A extends EngageAction> = (params: EngageActionParamsMap[A], options?: EngageSendCallOptions) => Promise<EngageSendResult<A>>;

/** Distinct ignored properties warned about; beyond it, no more warnings (the log stays bounded). */
const MAX_WARNED_PROPERTIES = 1_000;
/** Threads whose typing window is tracked at once; the oldest are forgotten beyond it. */
const MAX_TYPING_THREADS = 50_000;

/**
 * Sends content to one Engage source. A send is one walk, in this order:
 * validate the params (`validation/params-validator.ts`), serialise them once
 * (`prepared-send.ts`), then for each attempt sign and post those bytes
 * (`http/engage-transport.ts`, which signs with `signing/sign-body.ts` and
 * moves the bytes with `http/exchange.ts`), and turn Engage's answer — or the
 * transport's failure — into the result or a typed error
 * (`errors/error-from-answer.ts`). Around it: the span, the concurrency slot,
 * typing pacing and the retry policy. Invalid params never leave the process.
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
  private readonly shutdown = new AbortController();
  private closing = false;
  /** `<action> <pattern>` of the ignored properties already warned about. */
  private readonly warned = new Set<string>();

  constructor(
    @Inject(ENGAGE_SEND_CONFIG) private readonly config: EngageSendConfig,
    @Inject(ENGAGE_HTTP) http: EngageHttp,
  ) {
    this.logger = new Logger(config.name ? `EngageSend:${config.name}` : 'EngageSend');
    this.transport = http.transport;
    this.validator = new ParamsValidator({ unknownProperties: config.unknownProperties, sourceOptions: config.sourceOptions });
    this.limiter = new SendLimiter(config.maxInFlight, config.maxQueue);
    this.typingPacer = new TypingPacer(TYPING_WINDOW_MS, MAX_TYPING_THREADS);
    this.tracer = new SendTracer(config.endpoint, config.sourceId, config.tracing);
    this.metrics = new SendMetrics(config.sourceId, { inFlight: () => this.limiter.inFlight, queued: () => this.limiter.queued });
    // Every send in flight listens to it: that is not a leak, so no listener limit.
    setMaxListeners(0, this.shutdown.signal);
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
   * @throws EngageQueueFullError / EngageQueueTimeoutError / EngageShutdownError / EngageAbortedError when the send could not run.
   * @throws EngageSendError subclasses for Engage's answers and transport failures, after retries.
   */
  send<A extends EngageAction>(action: A, params: EngageActionParamsMap[A], options: EngageSendCallOptions = {}): Promise<EngageSendResult<A>> {
    return this.run(action, sendIds(action, params, this.typingKey), params, undefined, options);
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
    return { action, body: this.serialise(action, params), ...sendIds(action, params, this.typingKey) };
  }

  /**
   * Sends a body made by {@link prepare}, with the same pacing, signing,
   * retries, spans, metrics and typed errors as `send`. The body is not
   * validated again.
   */
  sendPrepared<A extends EngageAction>(prepared: PreparedSend<A>, options: EngageSendCallOptions = {}): Promise<EngageSendResult<A>> {
    return this.run(prepared.action, prepared, undefined, prepared.body, options);
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

  /** A typing event's pacing key (bound: handed to `sendIds`). */
  private readonly typingKey = (params: { thread_id?: unknown; in_reply_to_id?: unknown }): string => this.typingThreads.keyFor(params);

  /**
   * One send, from its params (validated and serialised here) or a body
   * prepared earlier. One async function on the happy path: the span, typing
   * pacing, a concurrency slot (waiting at most until the deadline), then
   * attempts until one gets Engage's 200 or the retry policy says stop.
   */
  private async run<A extends EngageAction>(
    action: A,
    ids: SendIds,
    params: unknown,
    prepared: string | undefined,
    options: EngageSendCallOptions,
  ): Promise<EngageSendResult<A>> {
    const { sourceId } = this.config;
    const started = performance.now();
    const span = this.tracer.startSend(action, ids);
    // The pacer that admitted this start hears how it ended, even if replaced meanwhile.
    const pacer = this.typingPacer;
    let ticket: object | undefined;
    let release: (() => void) | undefined;
    try {
      if (this.closing) throw new EngageShutdownError({ action, sourceId, phase: 'refused' });
      const policy = options.retry === undefined ? this.config.retry : this.callRetryPolicy(options.retry, action);
      const body = prepared ?? this.serialise(action, params);
      if (action === 'typing.start' && this.config.typingPacing !== 'off') {
        let admission = pacer.admit(ids.typingKey as string);
        // The in-process pacer answers synchronously: only a shared one costs an await.
        if (admission instanceof Promise) admission = await admission;
        if ('waitMs' in admission) {
          if (this.config.typingPacing === 'error') throw new EngageRateLimitError({ action, sourceId, retryAfterMs: admission.waitMs });
          return this.coalesced(action, started, span);
        }
        ticket = admission;
      } else if (action === 'typing.stop') {
        const reset = pacer.reset(ids.typingKey as string);
        if (reset instanceof Promise) await reset;
      }

      const signal = options.signal === undefined ? this.shutdown.signal : AbortSignal.any([options.signal, this.shutdown.signal]);
      const deadline = started + policy.deadlineMs;
      release = this.limiter.tryAcquire() ?? (await this.waitForSlot(action, signal, deadline, started, options.signal));
      const sendContext = this.tracer.attemptContext(span);
      let mayHaveBeenDelivered = false;
      for (let attempt = 1; ; attempt++) {
        if (signal.aborted) throw this.abortError(action, attempt - 1, mayHaveBeenDelivered, options.signal);
        const attemptStarted = performance.now();
        const timeoutMs = Math.min(options.timeoutMs ?? this.config.timeoutMs, Math.max(1, Math.floor(deadline - attemptStarted)));
        const attemptSpan = this.tracer.startAttempt(sendContext, attempt);
        const headers = this.tracer.propagationHeaders(sendContext, attemptSpan);
        let answer: EngageAnswer | undefined;
        let failure: unknown;
        try {
          // With a recording span, the attempt runs in its context: HTTP auto-instrumentation's spans go under it.
          answer = await (sendContext === undefined
            ? this.transport.post(body, { timeoutMs, signal, headers })
            : otelContext.with(sendContext, () => this.transport.post(body, { timeoutMs, signal, headers })));
        } catch (thrown) {
          failure = thrown;
        }
        const status = answer?.status;
        // The typed error (and its context) is built only when the attempt failed.
        const error =
          answer === undefined
            ? errorFromFailure(failure, this.failureContext(action, attempt, timeoutMs))
            : isSuccess(answer)
              ? undefined
              : errorFromAnswer(answer, this.failureContext(action, attempt, timeoutMs));
        this.metrics.recordAttempt(action, (performance.now() - attemptStarted) / 1000, status, error === undefined ? undefined : errorType(error));

        if (error === undefined) {
          this.tracer.endAttempt(attemptSpan, status);
          if (ticket !== undefined) pacer.answered(ticket);
          if (ids.threadId !== undefined && ids.contentId !== undefined) this.typingThreads.remember(ids.contentId, ids.threadId);
          const durationMs = performance.now() - started;
          this.metrics.recordSend(action, 'success', durationMs / 1000);
          this.tracer.endSend(span, status as number, attempt);
          // Built only when someone reads it: this runs on every successful send.
          if (Logger.isLevelEnabled('debug')) this.logger.debug(`${action} to source ${sourceId}: 200 in ${durationMs.toFixed(1)} ms, ${attempt} attempt(s)`);
          return { action, sourceId, status: status as number, attempts: attempt, coalesced: false, durationMs };
        }

        mayHaveBeenDelivered ||= error instanceof EngageAbortedError ? error.mayHaveBeenDelivered : !certainlyNotProcessed(error);
        if (signal.aborted) {
          this.tracer.endAttempt(attemptSpan, status, error);
          throw this.abortError(action, attempt, error instanceof EngageAbortedError ? error.mayHaveBeenDelivered : mayHaveBeenDelivered, options.signal);
        }
        const delay = retryDelay(error, attempt, action, policy);
        const retrying = delay !== undefined && performance.now() + delay + MIN_ATTEMPT_MS <= deadline;
        // A first attempt that is retried gets its span now: retries are always visible.
        this.tracer.endAttempt(attemptSpan ?? (retrying ? this.tracer.pastAttempt(sendContext, attempt, attemptStarted) : undefined), status, error);
        if (!retrying) throw error;
        this.metrics.recordRetry(action, error.code);
        await abortableSleep(delay, signal).catch(() => {
          throw this.abortError(action, attempt, mayHaveBeenDelivered, options.signal);
        });
      }
    } catch (error) {
      if (ticket !== undefined) pacer.failed(ticket);
      const durationMs = performance.now() - started;
      this.metrics.recordSend(action, 'failure', durationMs / 1000, errorType(error));
      this.tracer.failSend(span, error);
      if (error instanceof EngageSendError) {
        const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
        this.logger.warn(`${action} to source ${sourceId} failed: ${error.code}${status}, ${error.attempts} attempt(s), ${durationMs.toFixed(1)} ms`);
      }
      throw error;
    } finally {
      release?.();
    }
  }

  /** A `typing.start` inside the window, not sent (`typingPacing: 'coalesce'`). */
  private coalesced<A extends EngageAction>(action: A, started: number, span: Span): EngageSendResult<A> {
    const durationMs = performance.now() - started;
    this.metrics.recordSend(action, 'coalesced', durationMs / 1000);
    this.tracer.endCoalesced(span);
    return { action, sourceId: this.config.sourceId, status: undefined, attempts: 0, coalesced: true, durationMs };
  }

  /** Where a failed attempt was going, for its typed error. */
  private failureContext(action: EngageAction, attempts: number, timeoutMs: number): SendFailureContext {
    return { action, sourceId: this.config.sourceId, attempts, endpoint: this.config.endpoint, timeoutMs };
  }

  /** Validates, then serialises once: the returned string is what is signed and sent. */
  private serialise(action: EngageAction, params: unknown): string {
    const context = { action, sourceId: this.config.sourceId };
    if (!isEngageAction(action)) {
      throw new EngageValidationError([{ path: 'action', constraints: { isEngageAction: `action must be a Send API action (got ${String(action).slice(0, 40)})` } }], context);
    }
    const validation = this.validator.validate(action, params);
    if (!validation.ok) throw new EngageValidationError(validation.errors, context, validation.unlisted);
    if (validation.ignored !== undefined) this.warnIgnored(action, validation.ignored);
    return serialiseSend(action, validation.value, context);
  }

  /** Waits for a free slot, at most until the send's deadline (then it fails without ever being sent). */
  private async waitForSlot(action: EngageAction, signal: AbortSignal, deadline: number, started: number, callerSignal: AbortSignal | undefined): Promise<() => void> {
    const context = { action, sourceId: this.config.sourceId };
    const waitMs = Math.max(0, Math.floor(deadline - MIN_ATTEMPT_MS - performance.now()));
    try {
      return await this.limiter.acquire(signal, waitMs);
    } catch (refusal) {
      if (!(refusal instanceof AcquireRefusedError)) throw refusal;
      switch (refusal.reason) {
        case 'queue-full':
          throw new EngageQueueFullError({ ...context, maxInFlight: this.limiter.maxInFlight, maxQueue: this.limiter.maxQueue });
        case 'timeout':
          throw new EngageQueueTimeoutError({ ...context, waitedMs: performance.now() - started });
        case 'closed':
          throw new EngageShutdownError({ ...context, phase: this.shutdown.signal.aborted ? 'aborted' : 'refused' });
        case 'aborted':
          throw this.abortError(action, 0, false, callerSignal);
      }
    }
  }

  /** The typed error for a send aborted by its caller or by shutdown. */
  private abortError(action: EngageAction, attempts: number, mayHaveBeenDelivered: boolean, callerSignal?: AbortSignal): EngageSendError {
    const context = { action, sourceId: this.config.sourceId, attempts, mayHaveBeenDelivered };
    return callerSignal?.aborted ? new EngageAbortedError(context) : new EngageShutdownError({ ...context, phase: 'aborted' });
  }

  /** A per-call retry policy is checked like the module's, as a validation error naming the option. */
  private callRetryPolicy(retry: NonNullable<EngageSendCallOptions['retry']>, action: EngageAction): RetryPolicy {
    const context: EngageErrorContext = { action, sourceId: this.config.sourceId };
    const problems = retryOptionProblems(retry);
    if (problems.length > 0) {
      throw new EngageValidationError(
        problems.map((problem) => ({ path: `options.${problem.split(' ')[0]}`, constraints: { retryOption: problem } })),
        context,
      );
    }
    return resolveRetryPolicy(retry, this.config.retry);
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
}
