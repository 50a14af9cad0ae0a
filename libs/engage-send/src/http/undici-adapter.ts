import { Readable } from 'node:stream';
import axios, { AxiosError, AxiosHeaders, CanceledError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { Dispatcher } from 'undici';
import { exchange, ExchangeFailure, type RawAnswer } from './exchange.js';
import { ENGAGE_USER_AGENT } from './request-headers.js';


/**
 * Request headers undici computes or refuses itself: the body's length comes
 * from the body actually sent (an interceptor may have changed it), and
 * hop-by-hop headers belong to the connection, which the pool manages.
 */
const SKIPPED_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/** Where a URL goes: the dispatcher's origin and the request target. */
interface Target {
  readonly origin: string;
  readonly path: string;
}

/** Options of {@link createUndiciAdapter}. */
export interface UndiciAdapterOptions {
  /**
   * Picks the dispatcher for an origin: the registration's pool for Engage's
   * origin; anything else (a request a user sends to another host through the
   * same instance) gets a dispatcher of its own.
   */
  readonly dispatcherFor: (origin: string) => Dispatcher;
}

/**
 * An axios adapter that moves the bytes with undici instead of `node:http`:
 * keep-alive connection pools, no redirects ever followed (undici's
 * dispatchers follow none), the answer read into memory up to the request's
 * `maxContentLength`, one timer for the whole exchange (`timeout`), the
 * caller's `signal` honoured. Request and response interceptors, headers,
 * `validateStatus` and the response transforms keep working: they are axios',
 * around the adapter.
 *
 * Request bodies must be serialised already — a string, a Buffer / typed
 * array / ArrayBuffer, `URLSearchParams` or a stream — as axios' own adapter
 * requires after `transformRequest`. Responses: `responseType` `arraybuffer`
 * gives a Buffer, `stream` a Readable over the buffered answer, anything else
 * a string (`responseEncoding`, default UTF-8). Proxies are the dispatcher's
 * business (see `createEngageHttpService`).
 */
export function createUndiciAdapter(options: UndiciAdapterOptions): AxiosAdapter {
  let lastUrl: string | undefined;
  let lastTarget: Target | undefined;

  const targetOf = (config: InternalAxiosRequestConfig): Target => {
    const url = requestUrl(config);
    if (url === lastUrl && lastTarget !== undefined) return lastTarget;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AxiosError(`Invalid URL: ${url}`, AxiosError.ERR_INVALID_URL, config);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new AxiosError(`Unsupported protocol ${parsed.protocol}`, AxiosError.ERR_BAD_REQUEST, config);
    }
    lastUrl = url;
    lastTarget = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    return lastTarget;
  };

  const adapter: AxiosAdapter = async (config) => {
    const target = targetOf(config);
    const body = requestBody(config);
    const method = (config.method ?? 'get').toUpperCase();
    const cancel = cancelTokenSignal(config);
    let answer: RawAnswer;
    try {
      answer = await exchange(
        options.dispatcherFor(target.origin),
        { origin: target.origin, path: target.path, method: method as Dispatcher.HttpMethod, headers: requestHeaders(config), body },
        {
          timeoutMs: Number(config.timeout) > 0 ? Number(config.timeout) : 0,
          signal: cancel?.signal ?? (config.signal as AbortSignal | undefined),
          maxResponseBytes: config.maxContentLength ?? -1,
        },
      );
    } catch (error) {
      throw error instanceof ExchangeFailure ? axiosErrorOf(error, config) : error;
    } finally {
      cancel?.dispose();
    }
    const response: AxiosResponse = {
      status: answer.status,
      statusText: answer.statusText,
      headers: new AxiosHeaders(answer.headers as Record<string, string>),
      config,
      request: { method, origin: target.origin, path: target.path },
      data: responseData(answer.body, config),
    };
    const { validateStatus } = config;
    if (!response.status || !validateStatus || validateStatus(response.status)) return response;
    throw new AxiosError(
      `Request failed with status code ${response.status}`,
      response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      response.request,
      response,
    );
  };
  return adapter;
}

/**
 * A failed exchange as axios' own adapter reports it (the codes axios users
 * and interceptors expect), with the failure as its cause: the send path reads
 * the cause and maps it to its typed error in one step.
 */
function axiosErrorOf(failure: ExchangeFailure, config: InternalAxiosRequestConfig): AxiosError {
  if (failure.kind === 'aborted') {
    // axios' typings give CanceledError AxiosError's constructor, not its own.
    const Canceled = CanceledError as unknown as new (message: string | undefined, config?: InternalAxiosRequestConfig) => AxiosError;
    return Object.assign(new Canceled(undefined, config), { cause: failure });
  }
  let code: string | undefined = failure.systemCode;
  let message = failure.message;
  if (failure.kind === 'timeout') {
    code = config.transitional?.clarifyTimeoutError === true ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
    message = config.timeoutErrorMessage ?? `timeout of ${String(config.timeout)}ms exceeded`;
  } else if (failure.kind === 'bad-response') {
    code = AxiosError.ERR_BAD_RESPONSE;
  }
  const error = new AxiosError(message, code, config);
  error.cause = failure;
  return error;
}

/** The absolute URL of a request, as axios' own adapters build it. */
function requestUrl(config: InternalAxiosRequestConfig): string {
  const url = config.url ?? '';
  const absolute = /^[a-z][a-z\d+\-.]*:\/\//i.test(url);
  const plain = config.params === undefined && config.paramsSerializer === undefined;
  if (plain && (absolute || !config.baseURL)) return url;
  // The rare cases (baseURL joining, query params) go through axios' own logic.
  return axios.getUri(config);
}

/** The serialised body, refused when not serialised or over `maxBodyLength`. */
function requestBody(config: InternalAxiosRequestConfig): Dispatcher.DispatchOptions['body'] {
  const { data } = config;
  if (data === undefined || data === null) return null;
  let body: string | Uint8Array | Readable;
  let bytes: number;
  if (typeof data === 'string') {
    body = data;
    // A string's length is in UTF-16 units; UTF-8 needs at most 3 bytes per unit.
    bytes = config.maxBodyLength !== undefined && config.maxBodyLength > -1 && data.length * 3 > config.maxBodyLength ? Buffer.byteLength(data, 'utf8') : data.length;
  } else if (data instanceof Uint8Array) {
    body = data;
    bytes = data.byteLength;
  } else if (data instanceof ArrayBuffer) {
    body = Buffer.from(data);
    bytes = data.byteLength;
  } else if (ArrayBuffer.isView(data)) {
    body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    bytes = data.byteLength;
  } else if (data instanceof URLSearchParams) {
    body = data.toString();
    bytes = Buffer.byteLength(body, 'utf8');
  } else if (data instanceof Readable) {
    return data;
  } else {
    throw new AxiosError(
      'Data after transformation must be a string, an ArrayBuffer, a Buffer, or a Stream',
      AxiosError.ERR_BAD_REQUEST,
      config,
    );
  }
  if (config.maxBodyLength !== undefined && config.maxBodyLength > -1 && bytes > config.maxBodyLength) {
    throw new AxiosError('Request body larger than maxBodyLength limit', AxiosError.ERR_BAD_REQUEST, config);
  }
  return body;
}

/** axios' final headers as undici's flat `[name, value, …]` list. */
function requestHeaders(config: InternalAxiosRequestConfig): string[] {
  const all = AxiosHeaders.from(config.headers).toJSON(true) as Record<string, string>;
  const list: string[] = [];
  let userAgent = false;
  for (const name of Object.keys(all)) {
    const lower = name.toLowerCase();
    if (SKIPPED_REQUEST_HEADERS.has(lower)) continue;
    if (lower === 'user-agent') userAgent = true;
    list.push(name, String(all[name]));
  }
  if (!userAgent) list.push('User-Agent', ENGAGE_USER_AGENT);
  return list;
}

function responseData(body: Buffer, config: InternalAxiosRequestConfig): unknown {
  switch (config.responseType) {
    case 'arraybuffer':
      return body;
    case 'stream':
      return Readable.from([body]);
    default: {
      const encoding = config.responseEncoding;
      return body.toString(encoding === undefined || !Buffer.isEncoding(encoding) ? 'utf8' : encoding);
    }
  }
}

/** axios' deprecated `cancelToken`, as a signal (and the caller's `signal` with it). */
function cancelTokenSignal(config: InternalAxiosRequestConfig): { signal: AbortSignal; dispose: () => boolean } | undefined {
  const token = config.cancelToken;
  if (token === undefined) return undefined;
  const controller = new AbortController();
  let live = true;
  void token.promise.then(() => {
    if (live) controller.abort();
  });
  const signal = config.signal === undefined ? controller.signal : AbortSignal.any([controller.signal, config.signal as AbortSignal]);
  return { signal, dispose: () => (live = false) };
}
