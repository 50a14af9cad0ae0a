import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

/** A complete answer. `headers` and `text` are computed on first read: the happy path never looks at the headers. */
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
}

/** How an exchange failed, in the words both transports and the error mapping use. */
export type ExchangeFailureKind = 'timeout' | 'aborted' | 'bad-response' | 'connection';

/**
 * An exchange that ended without a complete answer. Carries no request:
 * neither its body nor its headers (the signature) can leak through it.
 */
export class ExchangeFailure extends Error {
  constructor(
    readonly kind: ExchangeFailureKind,
    message: string,
    /** The system code of a connection failure (`ECONNREFUSED`, `ECONNRESET`, …) or undici's own. */
    readonly systemCode: string | undefined,
    /** Whether the request had reached a connection, so Engage may have received it. */
    readonly written: boolean,
  ) {
    super(message);
    this.name = 'ExchangeFailure';
  }
}

/**
 * undici codes that mean the connection went away under the request: reported
 * as the system code Node's own http client gives for the same event, so a
 * retry policy keyed on `ECONNRESET` sees one code.
 */
const CONNECTION_RESET_CODES: ReadonlySet<string> = new Set(['UND_ERR_SOCKET']);
/** undici's own phase timeouts (connect 10 s, headers/body 300 s by default): a timeout all the same. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** The answer could not be read as HTTP. */
const BAD_RESPONSE_CODES: ReadonlySet<string> = new Set(['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_EXCEEDED_MAX_SIZE', 'UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_INFO']);

/** An undici (or system) error as an {@link ExchangeFailure}. Read structurally: an error from another realm is no `instanceof Error` here. */
function failureOf(error: unknown, written: boolean): ExchangeFailure {
  const original = (typeof error === 'object' && error !== null ? error : new Error(String(error))) as NodeJS.ErrnoException;
  const code = typeof original.code === 'string' ? original.code : undefined;
  const message = typeof original.message === 'string' ? original.message : 'exchange failed';
  if (code !== undefined && TIMEOUT_CODES.has(code)) return new ExchangeFailure('timeout', message, code, written);
  if (code !== undefined && (BAD_RESPONSE_CODES.has(code) || code.startsWith('HPE_'))) return new ExchangeFailure('bad-response', message, code, written);
  return new ExchangeFailure('connection', message, code !== undefined && CONNECTION_RESET_CODES.has(code) ? 'ECONNRESET' : code, written);
}

function parseHeaders(raw: readonly Buffer[] | null): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  if (raw === null) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
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
 * objects per request). A small handler collects the answer into a buffer with
 * a size cap, and a single timer bounds the whole exchange. Settles its
 * promise exactly once; whatever undici reports after that is ignored.
 */
class ExchangeHandler implements Dispatcher.DispatchHandler {
  private abortRequest: ((reason?: Error) => void) | undefined;
  private failure: ExchangeFailure | undefined;
  private settled = false;
  /** The request reached a connection: Engage may have received it. */
  private connected = false;
  private status = 0;
  private statusText = '';
  private rawHeaders: Buffer[] | null = null;
  private chunks: Buffer[] | undefined;
  private first: Buffer | undefined;
  private size = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Links of the list of exchanges watching the same signal (see SignalWatch). */
  previousWatcher: ExchangeHandler | undefined;
  nextWatcher: ExchangeHandler | undefined;

  constructor(
    private readonly resolve: (answer: RawAnswer) => void,
    private readonly reject: (error: ExchangeFailure) => void,
    private readonly limits: ExchangeLimits,
  ) {
    if (limits.timeoutMs > 0) this.timer = setTimeout(onExchangeTimeout, limits.timeoutMs, this);
    if (limits.signal !== undefined) watchSignal(limits.signal, this);
  }

  /** The caller's signal aborted. */
  cancel(): void {
    this.fail(new ExchangeFailure('aborted', 'the send was aborted', undefined, this.connected));
  }

  /** No complete answer within `timeoutMs`. */
  timedOut(): void {
    this.timer = undefined;
    this.fail(new ExchangeFailure('timeout', `no complete answer within ${this.limits.timeoutMs} ms`, undefined, this.connected));
  }

  /** Fails now and tells undici to drop the request (at once if it started, else as soon as it starts). */
  fail(failure: ExchangeFailure): void {
    if (this.settled) return;
    this.failure = failure;
    this.finish();
    this.reject(failure);
    this.abortRequest?.(failure);
  }

  private finish(): void {
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.limits.signal !== undefined) unwatchSignal(this.limits.signal, this);
    this.chunks = undefined;
    this.first = undefined;
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.failure !== undefined) {
      abort(this.failure);
      return;
    }
    this.connected = true;
    this.abortRequest = abort;
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
      this.fail(new ExchangeFailure('bad-response', `answer over ${maxResponseBytes} bytes`, undefined, true));
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
    const failure = failureOf(error, this.connected);
    this.finish();
    this.reject(failure);
  }

  onUpgrade(): void {
    this.onError(Object.assign(new Error('unexpected protocol upgrade'), { code: 'UND_ERR_INFO' }));
  }
}

/** The timer callback, shared: no closure per exchange. */
function onExchangeTimeout(handler: ExchangeHandler): void {
  handler.timedOut();
}

/**
 * The exchanges waiting on one signal, behind one 'abort' listener: a
 * registration's shutdown signal is shared by every send in flight, and an
 * EventTarget listener apiece would cost more per send (and trip Node's
 * MaxListeners warning past ten sends in flight). A doubly linked list through
 * the handlers themselves, not a Set: a long-lived Set churned by one add and
 * one delete per send keeps reallocating its table, and each table outlives
 * the young objects around it, which made the garbage collector's minor
 * pauses three times longer (bench/README.md).
 */
class SignalWatch {
  head: ExchangeHandler | undefined;

  constructor(signal: AbortSignal) {
    signal.addEventListener(
      'abort',
      () => {
        let handler = this.head;
        this.head = undefined;
        while (handler !== undefined) {
          const next = handler.nextWatcher;
          handler.previousWatcher = undefined;
          handler.nextWatcher = undefined;
          handler.cancel();
          handler = next;
        }
      },
      { once: true },
    );
  }

  add(handler: ExchangeHandler): void {
    handler.nextWatcher = this.head;
    if (this.head !== undefined) this.head.previousWatcher = handler;
    this.head = handler;
  }

  remove(handler: ExchangeHandler): void {
    const { previousWatcher: previous, nextWatcher: next } = handler;
    if (previous !== undefined) previous.nextWatcher = next;
    else if (this.head === handler) this.head = next;
    if (next !== undefined) next.previousWatcher = previous;
    handler.previousWatcher = undefined;
    handler.nextWatcher = undefined;
  }
}

const signalWatches = new WeakMap<AbortSignal, SignalWatch>();

function watchSignal(signal: AbortSignal, handler: ExchangeHandler): void {
  let watch = signalWatches.get(signal);
  if (watch === undefined) {
    if (typeof signal.addEventListener !== 'function') return; // not a real AbortSignal: only `aborted` is checked, up front
    watch = new SignalWatch(signal);
    signalWatches.set(signal, watch);
  }
  watch.add(handler);
}

function unwatchSignal(signal: AbortSignal, handler: ExchangeHandler): void {
  signalWatches.get(signal)?.remove(handler);
}

/**
 * Sends one request through `dispatcher` and resolves with the complete
 * answer, whatever its status; rejects with an {@link ExchangeFailure}.
 * Both send paths (the direct one and the axios adapter) go through here, so
 * they fail in exactly the same way.
 */
export function exchange(dispatcher: Dispatcher, request: Dispatcher.DispatchOptions, limits: ExchangeLimits): Promise<RawAnswer> {
  if (limits.signal?.aborted === true) return Promise.reject(new ExchangeFailure('aborted', 'the send was aborted', undefined, false));
  return new Promise<RawAnswer>((resolve, reject) => {
    const handler = new ExchangeHandler(resolve, reject, limits);
    try {
      dispatcher.dispatch(request, handler);
    } catch (error) {
      handler.onError(error as Error);
    }
  });
}
