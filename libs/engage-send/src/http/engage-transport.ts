import type { IncomingHttpHeaders } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import type { Dispatcher } from 'undici';
import { SIGNATURE_HEADER, signBody } from '../signing/sign-body.js';
import { ENGAGE_USER_AGENT } from './undici-adapter.js';
import { exchange } from './undici-exchange.js';

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

/** Headers a send's own `headers` cannot set (the same the options refuse). */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'x-smccsdk-signature',
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
]);

/** The request headers of every send, besides the signature and the length. */
export const ENGAGE_REQUEST_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  Accept: 'text/plain, application/json',
});

/** How {@link EngageTransport} reaches Engage without axios. */
export interface DirectRoute {
  /** The registration's keep-alive pool (or proxy agent) for Engage's origin. */
  readonly dispatcher: Dispatcher;
  /** The request headers the axios instance was given (the signature, length and user agent come on top). */
  readonly headers: Readonly<Record<string, string>>;
  readonly signingKey: KeyObject;
  /** The signing interceptor's function, as registered on the axios instance. */
  readonly signer: (config: InternalAxiosRequestConfig) => InternalAxiosRequestConfig;
  /** Largest answer read, in bytes. */
  readonly maxResponseBytes: number;
}

/** Counters of the sends a transport made, by path (for benchmarks and diagnostics). */
export interface EngageTransportStats {
  /** Sent straight to the pool, skipping axios. */
  direct: number;
  /** Sent through the axios instance (its interceptors, adapter, defaults). */
  viaAxios: number;
}

/**
 * Posts signed bodies to one registration's endpoint.
 *
 * The registration's axios instance (the `HttpService` users inject) stays the
 * extension point: while it is exactly as the module built it — only the
 * signing interceptor, no response interceptor, defaults untouched — a send
 * skips axios' pipeline and goes straight to the same undici pool its adapter
 * uses, signed by the same function, with the same headers and limits, failing
 * with the same AxiosError codes. As soon as anyone registers an interceptor
 * or changes a default, sends go through axios, so what they added runs (and
 * the signing interceptor, registered first, still runs last: the signature
 * covers the final body). This is checked on every send, so it holds for
 * interceptors added after bootstrap and stops holding when they are ejected.
 */
export class EngageTransport {
  /** Sends made so far, by path. */
  readonly stats: EngageTransportStats = { direct: 0, viaAxios: 0 };
  private readonly origin: string;
  private readonly path: string;
  /** `[name, value, …]` of the fixed headers: built once, copied per send with the signature appended. */
  private readonly fixedHeaders: readonly string[];
  private readonly snapshot: DefaultsSnapshot | undefined;

  /**
   * @param axios the registration's instance.
   * @param endpoint `{baseUrl}/realtime/sdk/{sourceId}`.
   * @param route how to send without axios; without one, every send goes through axios.
   */
  constructor(
    private readonly axios: AxiosInstance,
    private readonly endpoint: string,
    private readonly route?: DirectRoute,
  ) {
    const url = new URL(endpoint);
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
    const fixed = Object.entries(route?.headers ?? {}).flat();
    if (!Object.keys(route?.headers ?? {}).some((name) => name.toLowerCase() === 'user-agent')) fixed.push('User-Agent', ENGAGE_USER_AGENT);
    this.fixedHeaders = fixed;
    this.snapshot = route === undefined ? undefined : new DefaultsSnapshot(axios);
  }

  /** Whether the next send would skip axios (nobody added an interceptor or changed a default). */
  get direct(): boolean {
    const { route, snapshot } = this;
    if (route === undefined || snapshot === undefined) return false;
    const { request, response } = this.axios.interceptors as unknown as { request: { handlers?: unknown }; response: { handlers?: unknown } };
    if (!onlyHandler(request.handlers, route.signer) || !onlyHandler(response.handlers, undefined)) return false;
    return snapshot.matches(this.axios);
  }

  /**
   * Signs and POSTs `body` (already serialised: it is sent byte for byte) and
   * resolves with Engage's answer, whatever its status.
   *
   * @throws AxiosError with the codes of `toAxiosError` (timeout, cancel, bad response, connection).
   */
  post(body: string | Uint8Array, options: EngagePostOptions): Promise<EngageAnswer> {
    const route = this.route;
    if (route === undefined || !this.direct) return this.postViaAxios(body, options);
    this.stats.direct++;
    // Encode once: the HMAC and the socket see the same bytes, and undici sends a Buffer as is.
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const headers = this.fixedHeaders.slice();
    const extra = options.headers;
    if (extra !== undefined) {
      for (const name in extra) {
        if (!RESERVED_HEADERS.has(name.toLowerCase())) headers.push(name, extra[name]);
      }
    }
    headers.push(SIGNATURE_HEADER, signBody(bytes, route.signingKey));
    return exchange(
      route.dispatcher,
      {
        origin: this.origin,
        path: this.path,
        method: 'POST',
        headers,
        body: bytes,
      },
      { timeoutMs: options.timeoutMs, signal: options.signal, maxResponseBytes: route.maxResponseBytes },
    );
  }

  private async postViaAxios(body: string | Uint8Array, options: EngagePostOptions): Promise<EngageAnswer> {
    this.stats.viaAxios++;
    const response = await this.axios.post<unknown>(this.endpoint, body, {
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
  for (const name in headers) {
    if (!RESERVED_HEADERS.has(name.toLowerCase())) kept[name] = headers[name];
  }
  return kept;
}

/** Whether `handlers` (an axios InterceptorManager's) holds exactly `only`, or nothing when `only` is undefined. */
function onlyHandler(handlers: unknown, only: unknown): boolean {
  if (!Array.isArray(handlers)) return false; // not the axios we know: take the general path
  let seen = false;
  for (let i = 0; i < handlers.length; i++) {
    const handler = handlers[i] as { fulfilled?: unknown } | null;
    if (handler === null) continue; // ejected
    if (seen || handler.fulfilled !== only) return false;
    seen = true;
  }
  return seen === (only !== undefined);
}

/** The `i`-th of the objects whose own properties make up an instance's defaults for a POST. */
function defaultsPart(axios: AxiosInstance, i: number): unknown {
  const { defaults } = axios;
  if (i === 0) return defaults;
  const headers = defaults.headers as unknown as Record<string, unknown> | undefined;
  return i === 1 ? headers : headers?.[i === 2 ? 'common' : 'post'];
}
const DEFAULTS_PARTS = 4;

/**
 * The own properties of an instance's defaults (and of its default headers:
 * all, common, post), to tell cheaply — no allocation — whether any was
 * added, removed or replaced since.
 */
class DefaultsSnapshot {
  private readonly objects: readonly unknown[];
  private readonly keys: readonly (readonly string[])[];
  private readonly values: readonly (readonly unknown[])[];

  constructor(axios: AxiosInstance) {
    const objects = Array.from({ length: DEFAULTS_PARTS }, (_, i) => defaultsPart(axios, i));
    this.objects = objects;
    this.keys = objects.map((object) => (isObject(object) ? Object.keys(object) : []));
    this.values = objects.map((object, i) => (isObject(object) ? this.keys[i].map((key) => object[key]) : []));
  }

  matches(axios: AxiosInstance): boolean {
    for (let i = 0; i < DEFAULTS_PARTS; i++) {
      const object = defaultsPart(axios, i);
      if (object !== this.objects[i]) return false;
      if (!isObject(object)) continue;
      const keys = this.keys[i];
      const values = this.values[i];
      for (let k = 0; k < keys.length; k++) {
        if (object[keys[k]] !== values[k]) return false;
      }
      let count = 0;
      for (const key in object) {
        if (Object.prototype.hasOwnProperty.call(object, key)) count++;
      }
      if (count !== keys.length) return false;
    }
    return true;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
