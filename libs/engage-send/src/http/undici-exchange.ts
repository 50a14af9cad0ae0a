import type { IncomingHttpHeaders } from 'node:http';
import { AxiosError, CanceledError, type InternalAxiosRequestConfig } from 'axios';
import type { Dispatcher } from 'undici';

/**
 * One HTTP exchange over an undici dispatcher, without undici's stream-based
 * `request()` API: a small handler collects the answer into a buffer (with a
 * size cap), and a single timer bounds the whole exchange. Both send paths —
 * the axios adapter and the transport's direct path — go through here, so they
 * fail in exactly the same way, with the AxiosError codes the service maps:
 *
 * | failure | `code` | `cause.code` |
 * |---|---|---|
 * | no complete answer within `timeoutMs` | `ECONNABORTED` (`ETIMEDOUT` with `clarifyTimeoutError`) | — |
 * | the caller's signal aborted | `ERR_CANCELED` (a `CanceledError`) | — |
 * | answer over `maxResponseBytes`, or unparsable | `ERR_BAD_RESPONSE` | — |
 * | connection refused / reset / DNS / TLS | the system code | the system code (`ECONNREFUSED`, `ECONNRESET`, …) |
 */

/**
 * A complete answer. `headers` and `text` are computed on first read: the
 * happy path never looks at the headers.
 */
export interface RawAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** `body` decoded as UTF-8. */
  readonly text: string;
}

/** Limits of one exchange. */
export interface ExchangeLimits {
  /** Whole exchange, queueing in the pool included, in ms; `0` for none. */
  readonly timeoutMs: number;
  /** Aborts the exchange. */
  readonly signal?: AbortSignal | undefined;
  /** Largest answer body read, in bytes; `-1` for no limit. */
  readonly maxResponseBytes: number;
  /** Message of the timeout error (axios' `timeoutErrorMessage`). */
  readonly timeoutMessage?: string | undefined;
  /** `ETIMEDOUT` instead of `ECONNABORTED` on timeout (axios' `transitional.clarifyTimeoutError`). */
  readonly clarifyTimeoutError?: boolean | undefined;
}

/**
 * undici codes that mean the connection went away under the request: reported
 * as the system code Node's own http client gives for the same event, so the
 * two transports (and any retry policy keyed on `ECONNRESET`) agree.
 */
const CONNECTION_RESET_CODES: ReadonlySet<string> = new Set(['UND_ERR_SOCKET']);
/** undici's own phase timeouts (connect 10 s, headers/body 300 s by default): a timeout all the same. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** The answer could not be read as HTTP. */
const BAD_RESPONSE_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_INFO',
]);

/**
 * Turns an undici (or system) failure into the AxiosError the service maps.
 * `config` is the axios request config on the axios path, `undefined` on the
 * direct path (which has none — and so carries no body or signature).
 */
export function toAxiosError(error: unknown, config?: InternalAxiosRequestConfig): AxiosError {
  if (error instanceof AxiosError) return error;
  // Read structurally: an error from another realm (a test sandbox) is no `instanceof Error` here.
  const original = (typeof error === 'object' && error !== null ? error : new Error(String(error))) as NodeJS.ErrnoException;
  const code = typeof original.code === 'string' ? original.code : undefined;
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new AxiosError(original.message, AxiosError.ETIMEDOUT, config);
  }
  if (code !== undefined && (BAD_RESPONSE_CODES.has(code) || code.startsWith('HPE_'))) {
    return new AxiosError(original.message, AxiosError.ERR_BAD_RESPONSE, config);
  }
  let cause: NodeJS.ErrnoException = original;
  let axiosCode = code;
  if (code !== undefined && CONNECTION_RESET_CODES.has(code)) {
    // Keep undici's error as the cause's cause, but say what happened the way Node says it.
    cause = Object.assign(new Error(original.message, { cause: original }), { code: 'ECONNRESET' });
    axiosCode = 'ECONNRESET';
  }
  const wrapped = new AxiosError(original.message, axiosCode, config);
  wrapped.cause = cause;
  return wrapped;
}

/** axios' `CanceledError` (code `ERR_CANCELED`); its typings give it AxiosError's constructor, not its own. */
function canceled(config: InternalAxiosRequestConfig | undefined): AxiosError {
  const Canceled = CanceledError as unknown as new (message: string | undefined, config?: InternalAxiosRequestConfig) => AxiosError;
  return new Canceled(undefined, config);
}

function parseHeaders(raw: readonly Buffer[] | null): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  if (raw === null) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toString('latin1').toLowerCase();
    const value = raw[i + 1].toString('latin1');
    const previous = headers[name];
    if (previous === undefined) headers[name] = name === 'set-cookie' ? [value] : value;
    else if (Array.isArray(previous)) previous.push(value);
    else headers[name] = `${previous}, ${value}`;
  }
  return headers;
}

class Answer implements RawAnswer {
  private parsed: IncomingHttpHeaders | undefined;
  constructor(
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: Buffer[] | null,
    readonly body: Buffer,
  ) {}

  get headers(): IncomingHttpHeaders {
    this.parsed ??= parseHeaders(this.rawHeaders);
    return this.parsed;
  }

  get text(): string {
    return this.body.toString('utf8');
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * The undici handler of one exchange (the legacy callback API, which undici 7
 * dispatchers speak natively: the controller API would wrap it in two more
 * objects per request). Settles its promise exactly once; whatever undici
 * reports after that is ignored.
 */
class ExchangeHandler implements Dispatcher.DispatchHandler {
  private abortRequest: ((reason?: Error) => void) | undefined;
  private failure: AxiosError | undefined;
  private settled = false;
  private status = 0;
  private statusText = '';
  private rawHeaders: Buffer[] | null = null;
  private chunks: Buffer[] | undefined;
  private first: Buffer | undefined;
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly resolve: (answer: RawAnswer) => void,
    private readonly reject: (error: AxiosError) => void,
    private readonly limits: ExchangeLimits,
    private readonly config: InternalAxiosRequestConfig | undefined,
  ) {
    if (limits.timeoutMs > 0) this.timer = setTimeout(onExchangeTimeout, limits.timeoutMs, this);
    if (limits.signal !== undefined) watchSignal(limits.signal, this);
  }

  /** The caller's signal aborted. */
  cancel(): void {
    this.fail(canceled(this.config));
  }

  /** No complete answer within `timeoutMs`. */
  timedOut(): void {
    this.timer = undefined;
    const { timeoutMs, timeoutMessage, clarifyTimeoutError } = this.limits;
    const code = clarifyTimeoutError === true ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
    this.fail(new AxiosError(timeoutMessage ?? `timeout of ${timeoutMs}ms exceeded`, code, this.config));
  }

  /** Fails now and tells undici to drop the request (at once if it started, else as soon as it starts). */
  fail(error: AxiosError): void {
    if (this.settled) return;
    this.failure = error;
    this.finish();
    this.reject(error);
    this.abortRequest?.(error);
  }

  private finish(): void {
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.limits.signal !== undefined) unwatchSignal(this.limits.signal, this);
    this.chunks = undefined;
    this.first = undefined;
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.failure !== undefined) abort(this.failure);
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    if (this.settled) return false;
    if (statusCode < 200) return true; // 1xx: informational, the real answer follows
    this.status = statusCode;
    this.statusText = statusText;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return false;
    this.size += chunk.length;
    const { maxResponseBytes } = this.limits;
    if (maxResponseBytes > -1 && this.size > maxResponseBytes) {
      this.fail(new AxiosError(`maxContentLength size of ${maxResponseBytes} exceeded`, AxiosError.ERR_BAD_RESPONSE, this.config));
      return false;
    }
    if (this.first === undefined) this.first = chunk;
    else (this.chunks ??= [this.first]).push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    const body = this.chunks !== undefined ? Buffer.concat(this.chunks, this.size) : (this.first ?? EMPTY);
    this.finish();
    this.resolve(new Answer(this.status, this.statusText, this.rawHeaders, body));
  }

  onError(error: Error): void {
    if (this.settled) return;
    const mapped = toAxiosError(error, this.config);
    this.finish();
    this.reject(mapped);
  }

  onUpgrade(): void {
    this.onError(new AxiosError('unexpected protocol upgrade', AxiosError.ERR_BAD_RESPONSE, this.config));
  }
}

/** The timer callback, shared: no closure per exchange. */
function onExchangeTimeout(handler: ExchangeHandler): void {
  handler.timedOut();
}

/**
 * The exchanges waiting on each signal, behind one 'abort' listener per
 * signal: a registration's shutdown signal is shared by every send in
 * flight, and an EventTarget listener apiece would cost more per send (and
 * trip Node's MaxListeners warning past ten sends in flight).
 */
const signalWatchers = new WeakMap<AbortSignal, Set<ExchangeHandler>>();

function watchSignal(signal: AbortSignal, handler: ExchangeHandler): void {
  let handlers = signalWatchers.get(signal);
  if (handlers === undefined) {
    if (typeof signal.addEventListener !== 'function') return; // not a real AbortSignal: only `aborted` is checked, up front
    const watched = new Set<ExchangeHandler>();
    signal.addEventListener(
      'abort',
      () => {
        for (const waiting of watched) waiting.cancel();
        watched.clear();
      },
      { once: true },
    );
    signalWatchers.set(signal, watched);
    handlers = watched;
  }
  handlers.add(handler);
}

function unwatchSignal(signal: AbortSignal, handler: ExchangeHandler): void {
  signalWatchers.get(signal)?.delete(handler);
}

/**
 * Sends one request through `dispatcher` and resolves with the complete answer,
 * whatever its status. Rejects with an AxiosError (see the table above).
 */
export function exchange(
  dispatcher: Dispatcher,
  request: Dispatcher.DispatchOptions,
  limits: ExchangeLimits,
  config?: InternalAxiosRequestConfig,
): Promise<RawAnswer> {
  if (limits.signal?.aborted === true) return Promise.reject(canceled(config));
  return new Promise<RawAnswer>((resolve, reject) => {
    const handler = new ExchangeHandler(resolve, reject, limits, config);
    try {
      dispatcher.dispatch(request, handler);
    } catch (error) {
      handler.onError(error as Error);
    }
  });
}
