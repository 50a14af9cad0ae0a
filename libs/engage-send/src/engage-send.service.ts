import { Inject, Injectable, Logger } from '@nestjs/common';
import type { HttpService } from '@nestjs/axios';
import { AxiosError } from 'axios';
import type { EngageActionParamsMap } from './actions/action-params.map.js';
import { isEngageAction, type EngageAction } from './actions/engage-action.js';
import { ParamsValidator } from './actions/params-validator.js';
import { ENGAGE_HTTP_SERVICE, ENGAGE_SEND_CONFIG } from './engage-send.constants.js';
import type { EngageSendCallOptions, EngageSendResult } from './engage-send-result.interface.js';
import { EngageSendError } from './errors/engage-send.error.js';
import { errorFromResponse } from './errors/error-from-response.js';
import { EngageUnexpectedResponseError } from './errors/engage-api.errors.js';
import { EngagePayloadTooLargeError, MAX_BODY_BYTES } from './errors/payload-too-large.error.js';
import { EngageConnectionError, EngageTimeoutError } from './errors/transport.errors.js';
import { EngageValidationError } from './errors/validation.error.js';
import type { EngageSendConfig } from './options/resolved-config.js';
import { SpanAttributes, SendTracer } from './tracing/send-span.js';

type Send<A extends EngageAction> = (
  params: EngageActionParamsMap[A],
  options?: EngageSendCallOptions,
) => Promise<EngageSendResult<A>>;

/** Engage's messages are one short line; cap what we copy into errors and logs. */
const MAX_ENGAGE_MESSAGE_CHARS = 500;

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
export class EngageSendService {
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
  private readonly tracer = new SendTracer();

  constructor(
    @Inject(ENGAGE_SEND_CONFIG) private readonly config: EngageSendConfig,
    @Inject(ENGAGE_HTTP_SERVICE) private readonly http: HttpService,
  ) {
    this.logger = new Logger(config.name ? `EngageSend:${config.name}` : 'EngageSend');
    this.validator = new ParamsValidator({
      unknownProperties: config.unknownProperties,
      sourceOptions: config.sourceOptions,
    });
  }

  /** The Engage source id this service sends to. */
  get sourceId(): string {
    return this.config.sourceId;
  }

  /**
   * Sends any action with its params; the typed methods above call this.
   *
   * @throws EngageValidationError when the params break the contract (nothing is sent).
   * @throws EngagePayloadTooLargeError when the body is over 20 971 520 bytes (nothing is sent).
   * @throws EngageSendError subclasses for Engage's answers and transport failures.
   */
  async send<A extends EngageAction>(
    action: A,
    params: EngageActionParamsMap[A],
    options: EngageSendCallOptions = {},
  ): Promise<EngageSendResult<A>> {
    const { sourceId } = this.config;
    const started = performance.now();
    return this.tracer.inSpan(action, sourceId, async (span) => {
      try {
        const body = this.serialise(action, params);
        const status = await this.post(action, body, options);
        span.setAttribute(SpanAttributes.HTTP_STATUS, status);
        const durationMs = performance.now() - started;
        this.logger.debug(`${action} to source ${sourceId}: 200 in ${durationMs.toFixed(1)} ms`);
        return { action, sourceId, status, attempts: 1, durationMs };
      } catch (error) {
        if (error instanceof EngageSendError) {
          this.logger.warn(
            `${action} to source ${sourceId} failed: ${error.code}` +
              `${error.status === undefined ? '' : ` (HTTP ${error.status})`}, ${error.attempts} attempt(s), ${(performance.now() - started).toFixed(1)} ms`,
          );
        }
        throw error;
      }
    });
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
    if (!validation.ok) throw new EngageValidationError(validation.errors, context);
    const body = JSON.stringify({ action, params: validation.value });
    // Engage's limit is in bytes; a string's length is in UTF-16 units. Skip
    // the byte count when even 3 bytes per unit (UTF-8's worst case) fits.
    if (body.length * 3 > MAX_BODY_BYTES) {
      const bodyBytes = Buffer.byteLength(body, 'utf8');
      if (bodyBytes > MAX_BODY_BYTES) throw new EngagePayloadTooLargeError({ ...context, bodyBytes });
    }
    return body;
  }

  /** One HTTP attempt. Resolves with the status on 200; throws the typed error otherwise. */
  private async post(action: string, body: string, options: EngageSendCallOptions): Promise<number> {
    const context = { action, sourceId: this.config.sourceId, attempts: 1 };
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    let response;
    try {
      response = await this.http.axiosRef.post<string>(this.config.endpoint, body, {
        timeout: timeoutMs,
        signal: options.signal,
      });
    } catch (error) {
      throw EngageSendService.transportError(error, { ...context, timeoutMs });
    }
    const text = typeof response.data === 'string' ? response.data.trim().slice(0, MAX_ENGAGE_MESSAGE_CHARS) : '';
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
    if (code === AxiosError.ERR_CANCELED) return new EngageConnectionError({ ...context, systemCode: 'ABORTED' });
    if (code === AxiosError.ERR_BAD_RESPONSE) {
      // e.g. an answer over MAX_RESPONSE_BYTES: Engage never sends one.
      return new EngageUnexpectedResponseError({ ...context, status: error.response?.status, engageMessage: 'response too large or unreadable' });
    }
    const systemCode = (error.cause as NodeJS.ErrnoException | undefined)?.code ?? code;
    return new EngageConnectionError({ ...context, systemCode });
  }
}
