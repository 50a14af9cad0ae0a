import type { IncomingHttpHeaders } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { Dispatcher } from 'undici';
import { SIGNATURE_HEADER, signBody } from '../signing/sign-body.js';
import type { AxiosCustomisation } from './axios-customisation.js';
import { exchange } from './exchange.js';
import { ENGAGE_USER_AGENT, RESERVED_HEADERS } from './request-headers.js';

/** Engage's answer to one POST, whatever its status. */
export interface EngageAnswer {
  readonly status: number;
  /** Lowercase names. */
  readonly headers: Readonly<IncomingHttpHeaders>;
  /** The body as text (Engage answers `ok` or a one-line message); `''` when an interceptor made it something else. */
  readonly text: string;
}

/** Per-send options of {@link EngageTransport.post}. */
export interface EngagePostOptions {
  /** Whole exchange, in ms (`0`: none). */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /**
   * Extra headers of this send only, e.g. trace-context propagation
   * (`traceparent`). Cannot replace the signature, the content type or the
   * framing headers: those are dropped.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** What a transport needs of its registration (see `EngageHttp`). */
export interface TransportRoute {
  /** The registration's axios instance: the path when the app customised it. */
  readonly instance: AxiosInstance;
  readonly customisation: AxiosCustomisation;
  /** The registration's keep-alive pool (or proxy agent) for Engage's origin. */
  readonly dispatcher: Dispatcher;
  /** `{baseUrl}/realtime/sdk/{sourceId}`. */
  readonly endpoint: URL;
  /** The request headers the axios instance was given (the signature, length and user agent come on top). */
  readonly headers: Readonly<Record<string, string>>;
  readonly signingKey: KeyObject;
  /** Largest answer read, in bytes. */
  readonly maxResponseBytes: number;
}

/** Sends made so far, by path (for benchmarks and diagnostics). */
export interface EngageTransportStats {
  /** Straight to the pool. */
  direct: number;
  /** Through the axios instance (the app's interceptors and defaults, then the same pool). */
  viaAxios: number;
}

/**
 * Posts signed bodies to one registration's endpoint, through one of two
 * doors onto the same undici keep-alive pool. While the registration's axios
 * instance is as the module built it (see {@link AxiosCustomisation}), a send
 * goes straight to the pool: signed here, with the same headers and limits the
 * instance would use. Once the app registers an interceptor on it or changes
 * a default, sends go through axios, so what the app added runs; the module's
 * signing interceptor runs last there and signs the final body. Both doors
 * sign with `signBody` and fail with the same {@link ExchangeFailure}s, which
 * the caller maps to typed errors in one step.
 */
export class EngageTransport {
  /** Sends made so far, by path. */
  readonly stats: EngageTransportStats = { direct: 0, viaAxios: 0 };
  private readonly origin: string;
  private readonly path: string;
  /** `[name, value, …]` of the fixed headers: built once, copied per send with the signature appended. */
  private readonly fixedHeaders: readonly string[];

  constructor(private readonly route: TransportRoute) {
    this.origin = route.endpoint.origin;
    this.path = `${route.endpoint.pathname}${route.endpoint.search}`;
    const fixed = Object.entries(route.headers).flat();
    if (!Object.keys(route.headers).some((name) => name.toLowerCase() === 'user-agent')) fixed.push('User-Agent', ENGAGE_USER_AGENT);
    this.fixedHeaders = fixed;
  }

  /** Whether the next send goes straight to the pool (nobody customised the axios instance). */
  get direct(): boolean {
    return this.route.customisation.untouched;
  }

  /**
   * Signs and POSTs `body` — the serialised send, sent byte for byte — and
   * resolves with Engage's answer, whatever its status.
   *
   * @throws ExchangeFailure, or on the axios path an `AxiosError` wrapping one (or thrown by axios or an interceptor of the app's).
   */
  post(body: string, options: EngagePostOptions): Promise<EngageAnswer> {
    return this.route.customisation.untouched ? this.postDirect(body, options) : this.postViaAxios(body, options);
  }

  private postDirect(text: string, options: EngagePostOptions): Promise<EngageAnswer> {
    this.stats.direct++;
    // Encoded once: the HMAC and the socket read the same bytes.
    const body = Buffer.from(text, 'utf8');
    const headers = this.fixedHeaders.slice();
    const extra = options.headers;
    if (extra !== undefined) {
      for (const name in extra) if (!RESERVED_HEADERS.has(name.toLowerCase())) headers.push(name, extra[name]!);
    }
    headers.push(SIGNATURE_HEADER, signBody(body, this.route.signingKey));
    return exchange(
      this.route.dispatcher,
      { origin: this.origin, path: this.path, method: 'POST', headers, body },
      { timeoutMs: options.timeoutMs, signal: options.signal, maxResponseBytes: this.route.maxResponseBytes },
    );
  }

  /** The body goes to axios as a string: the app's interceptors see JSON text, the signing interceptor signs what they leave. */
  private async postViaAxios(body: string, options: EngagePostOptions): Promise<EngageAnswer> {
    this.stats.viaAxios++;
    const response = await this.route.instance.post<unknown>(this.route.endpoint.href, body, {
      timeout: options.timeoutMs,
      signal: options.signal,
      headers: options.headers === undefined ? undefined : withoutReserved(options.headers),
    });
    return {
      status: response.status,
      headers: response.headers as IncomingHttpHeaders,
      text: typeof response.data === 'string' ? response.data : '',
    };
  }
}

function withoutReserved(headers: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name in headers) if (!RESERVED_HEADERS.has(name.toLowerCase())) kept[name] = headers[name]!;
  return kept;
}
