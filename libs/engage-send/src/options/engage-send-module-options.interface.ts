import type { UnknownPropertiesMode } from '../validation/contract-checker.js';
import type { EngageRetryOptions } from '../reliability/retry-policy.js';
import type { TypingPacingMode } from '../reliability/typing-pacer.js';
import type { EngageTracingOptions } from '../tracing/send-tracer.js';
import type { EngageAccessToken } from './engage-access-token.js';

/**
 * Options of one Engage source, given to `EngageSendModule.forRoot()` or
 * returned by the `forRootAsync()` factory. Validated at bootstrap: a bad
 * value stops the application with a message naming the option.
 */
export interface EngageSendModuleOptions {
  /**
   * Root URL of the customer's Engage Digital domain, e.g.
   * `https://yourdomain.engagement.dimelo.com`. Sends go to
   * `{baseUrl}/realtime/sdk/{sourceId}`. Must be `https://`, except for
   * loopback hosts (or with {@link allowInsecureHttp}).
   */
  baseUrl: string;
  /** Engage id of the SDK source, e.g. `8da592bc6fcf8bae41b2`. Letters, digits, `-` and `_` only. */
  sourceId: string;
  /**
   * The source's access token: the HMAC-SHA512 key of every signature.
   * Never logged, traced or put in an error; the module keeps it only as a
   * crypto key object. Wrap it in {@link EngageAccessToken} if the options
   * object itself may be printed.
   */
  accessToken: string | EngageAccessToken;
  /** Time allowed for one send, from first byte out to complete answer, in ms. Default `10000`. */
  timeoutMs?: number;
  /**
   * Allow `http://` to a host that is not loopback. Default `false`: a signed
   * body and its signature would cross the network in clear text.
   */
  allowInsecureHttp?: boolean;
  /**
   * What validation does with properties Engage would ignore (unknown to the
   * contract, or not read where they are). Default `'forward'`: sent as given,
   * like any field Engage adds before this library knows it, with a warning
   * logged once per action and field so a typo such as `thread_Id` is noticed.
   * `'strip'` removes them; `'reject'` refuses the send. See {@link UnknownPropertiesMode}.
   */
  unknownProperties?: UnknownPropertiesMode;
  /**
   * Engage options the source declares in its `implementation.info` answer
   * that change which fields are required: `threads.no_content` (threads
   * without author/body) and `messages.unthreaded` (messages without
   * `thread_id`). Default: none.
   */
  sourceOptions?: readonly string[];
  /**
   * Retry policy for failed sends (connection failures, timeouts, 5xx, 429),
   * or `false` for none. Default: 2 retries, 500 ms base backoff with jitter,
   * 5 s cap, 30 s deadline per send, at-least-once for creates. Overridable
   * per call. See {@link EngageRetryOptions}.
   */
  retry?: EngageRetryOptions | false;
  /** Most sends in flight at once for this source; more wait in a queue. Default `64`. */
  maxInFlight?: number;
  /** Keep-alive connections to Engage's origin (the undici pool size). Default: `maxInFlight`, one per send in flight. */
  connections?: number;
  /** Most sends waiting for a slot; beyond it a send fails fast with `EngageQueueFullError`. Default `1024`. */
  maxQueue?: number;
  /**
   * On application shutdown, how long in-flight and queued sends may take to
   * finish before they are aborted with `EngageShutdownError`, in ms. Default `10000`.
   */
  shutdownGraceMs?: number;
  /**
   * Client-side pacing of `typing.start` (Engage allows one per thread every
   * 2 s). Default `'coalesce'`: a redundant start is not sent and resolves
   * with `coalesced: true`. See {@link TypingPacingMode}.
   */
  typingPacing?: TypingPacingMode;
  /**
   * Extra headers sent with every request (e.g. for a proxy). Names must be
   * HTTP tokens and values free of control characters; the signature,
   * content type, host and length headers cannot be overridden.
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * Span options: per-attempt CLIENT spans (default on) and trace-context
   * propagation to Engage (default off). See {@link EngageTracingOptions}.
   */
  tracing?: EngageTracingOptions;
}

/** Module-level extras, next to the options (not passed to factories). */
export interface EngageSendModuleExtras {
  /** Register the module globally, so feature modules can inject the service without importing it. Default `false`. */
  isGlobal?: boolean;
  /**
   * Name of this registration, for apps that push to several Engage sources.
   * A named registration is injected with `@InjectEngageSend(name)`; the
   * unnamed one is injected as `EngageSendService`. Default: unnamed.
   */
  name?: string;
}
