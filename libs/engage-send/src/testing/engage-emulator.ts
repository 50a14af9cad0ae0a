import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ENGAGE_ERRORS, MAX_BODY_BYTES, TYPING_WINDOW_MS, type EngageAction } from '../contract/index.js';
import { buildAcceptedRecord } from './accepted-record.js';
import { BoundedRecordList } from './bounded-record-list.js';
import { toEmulatedSource, type EmulatedSource } from './emulated-source.js';
import { boundedLogLine, keptText, safeForLog, sourceForLog } from './bounded-text.js';
import { resolveEmulatorLimits, type EmulatorLimits, type EmulatorSource, type EngageEmulatorOptions } from './emulator-options.js';
import type { AcceptedSend, LoggedRequest, RecordedRequest, RefusedRequest } from './emulator-records.js';
import { FaultSchedule, type EmulatorFault, type FaultPicker } from './emulator-faults.js';
import { discardRequestBody, readRequestBody, type BodyReadResult } from './request-body-reader.js';
import { SendRequestProcessor, type SendOutcome } from './send-request-processor.js';
import { TypingRateLimiter } from './typing-rate-limiter.js';

/** `POST /realtime/sdk/{source_id}`: one non-empty path segment after the prefix. */
const SEND_ROUTE = /^\/realtime\/sdk\/([^/]+)$/;
const TEXT_PLAIN = 'text/plain; charset=utf-8';
/** Bytes of an oversized body read and thrown away before the socket is cut; see `BodyReadLimits.maxDiscardBytes`. */
const MAX_DISCARD_BYTES = 4 * MAX_BODY_BYTES;
/** Longest path (in `log`) or source id (in `refused`) kept, in characters. */
const MAX_KEPT_PATH_CHARS = 1024;
/** Longest part of an internal error's message logged: it may quote a value. */
const MAX_ERROR_CHARS = 160;
/** Longest refused `action` kept, in characters: real ones are under 30. */
const MAX_KEPT_ACTION_CHARS = 256;

/** One Send API request being served. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly expectsContinue: boolean;
  /** Its entry in `log`, completed with the status once answered. */
  readonly entry: LoggedRequest;
  readonly receivedAt: number;
  /** URL-decoded `source_id`. */
  readonly sourceId: string;
}

/**
 * An in-process, real-HTTP stand-in for Engage Digital's Send API endpoint,
 * following the wire contract (`send-api.md`): size limit, source lookup,
 * HMAC-SHA512 signature over the raw bytes, envelope and required-field
 * checks, structured contents, typing rate limit — each refusal with Engage's
 * exact status and message. Records what it accepted and refused, and can
 * inject faults (errors, delays, dropped connections) for retry and soak tests.
 * Bounded in memory and time (see {@link EmulatorLimits}): records beyond the
 * limits drop the oldest first, and slow or endless requests are cut.
 *
 * @example
 * const emulator = new EngageEmulator({ sources: [{ id: 'src', accessToken: 'secret' }] });
 * const baseUrl = await emulator.start();
 * // ... point the client at baseUrl, send ...
 * expect(emulator.requests).toHaveLength(1);
 * await emulator.stop();
 */
export class EngageEmulator {
  /**
   * Accepted (200 `ok`) requests, in arrival order. Includes `after-read` drops
   * of valid requests. The latest ones: bounded by `limits.maxEntries` and
   * `limits.maxRecordedBytes`. See also {@link EngageEmulator.accepted} for typed records.
   */
  readonly requests: RecordedRequest[] = [];
  /** Requests refused with a documented Engage error (injected faults are not listed here); the latest `limits.maxEntries`. */
  readonly refused: RefusedRequest[] = [];
  /** Every HTTP request that reached the server, on any path, in arrival order; the latest `limits.maxEntries`. */
  readonly log: LoggedRequest[] = [];

  private readonly limits: Required<EmulatorLimits>;
  private readonly acceptedList: BoundedRecordList<RecordedRequest>;
  private readonly refusedList: BoundedRecordList<RefusedRequest>;
  private readonly logList: BoundedRecordList<LoggedRequest>;
  private readonly sources = new Map<string, EmulatedSource>();
  private readonly typing: TypingRateLimiter;
  private readonly processor: SendRequestProcessor;
  private readonly faults = new FaultSchedule();
  private readonly now: () => number;
  private readonly logger: ((line: string) => void) | undefined;
  private readonly unref: boolean;
  /** Fault delays in progress, so `stop()` can end them at once instead of waiting them out. */
  private readonly delays = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  private server: Server | undefined;
  private url: string | undefined;

  /** @param options sources, typing window, clock, logger and limits; see {@link EngageEmulatorOptions}. */
  constructor(options: EngageEmulatorOptions) {
    this.limits = resolveEmulatorLimits(options.limits);
    this.acceptedList = new BoundedRecordList(this.requests, this.limits.maxEntries, this.limits.maxRecordedBytes);
    this.refusedList = new BoundedRecordList(this.refused, this.limits.maxEntries);
    this.logList = new BoundedRecordList(this.log, this.limits.maxEntries);
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
    this.unref = options.unref === true;
    this.typing = new TypingRateLimiter(options.typingWindowMs ?? TYPING_WINDOW_MS);
    this.processor = new SendRequestProcessor(this.sources, this.typing, this.now, options.strict === true);
    for (const source of options.sources) this.addSource(source);
  }

  /**
   * Listens on `host`:`port` (default 127.0.0.1 and a free port) and resolves
   * to the base URL to give the client, e.g. `http://127.0.0.1:41234`.
   * Can be called again after `stop()`.
   */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server !== undefined) throw new Error('EngageEmulator is already started');
    const { headersTimeoutMs, requestTimeoutMs } = this.limits;
    const server = createServer(
      {
        headersTimeout: headersTimeoutMs,
        requestTimeout: requestTimeoutMs,
        // Node checks those timeouts every 30 s by default: a slow client would get up to 30 s more.
        connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
      },
      (req, res) => this.onRequest(req, res, false),
    );
    // Handling 'checkContinue' ourselves lets an announced oversized body be refused before it is sent.
    server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res, true));
    this.server = server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      this.server = undefined;
      throw error;
    }
    if (this.unref) server.unref();
    const address = server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${shownHost}:${address.port}`;
    return this.url;
  }

  /** The base URL (`http://host:port`, no trailing slash). Throws when not started. */
  get baseUrl(): string {
    if (this.url === undefined) throw new Error('EngageEmulator is not started');
    return this.url;
  }

  /** Total requests that reached the server (any path, any outcome) since creation or the last `reset()`, also those dropped from `log`. */
  get received(): number {
    return this.logList.total;
  }

  /** Total requests accepted since creation or the last `reset()`, also those dropped from `requests`. */
  get acceptedCount(): number {
    return this.acceptedList.total;
  }

  /** Total requests refused with a documented Engage error since creation or the last `reset()`, also those dropped from `refused`. */
  get refusedCount(): number {
    return this.refusedList.total;
  }

  /**
   * The accepted requests of `action` (of every action without one), typed:
   * `params` has the action's params type, as received (`Date`s are strings).
   * The same records as {@link requests}, in arrival order, in a new array.
   *
   * @example
   * const [message] = emulator.accepted('messages.create');
   * expect(message.params.thread_id).toBe('thread-1');
   */
  accepted(): AcceptedSend[];
  accepted<A extends EngageAction>(action: A): AcceptedSend<A>[];
  accepted(action?: EngageAction): AcceptedSend[] {
    const records = action === undefined ? this.requests.slice() : this.requests.filter((request) => request.action === action);
    // Only requests the processor accepted are recorded, and it accepts only known actions.
    return records as AcceptedSend[];
  }

  /** Counted faults injected but not yet applied. */
  get pendingFaults(): number {
    return this.faults.pending;
  }

  /**
   * Injects faults into Send API requests (`POST /realtime/sdk/:source_id`;
   * other paths never consume a fault).
   *
   * - `injectFaults(fault, count = 1)`: the next `count` requests get `fault`.
   *   Calls queue up: `injectFaults(a, 2); injectFaults(b)` → a, a, b.
   * - `injectFaults(picker)`: once counted faults run out, every request asks
   *   `picker(requestIndex)`; `requestIndex` counts Send API requests from 0
   *   since start/`reset()`. Replaces any earlier picker; stays until
   *   `clearFaults()` or `reset()`. For random fault rates use
   *   `randomFaults([{ fault, rate }], seededRandom(seed))`.
   */
  injectFaults(fault: EmulatorFault, count?: number): void;
  injectFaults(picker: FaultPicker): void;
  injectFaults(faultOrPicker: EmulatorFault | FaultPicker, count = 1): void {
    if (typeof faultOrPicker === 'function') this.faults.setPicker(faultOrPicker);
    else this.faults.add(faultOrPicker, count);
  }

  /** Removes every pending fault and the fault picker. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Adds a source, or replaces the one with the same id (its puppetizable users are forgotten). */
  addSource(source: EmulatorSource): void {
    const emulated = toEmulatedSource(source);
    this.sources.set(emulated.id, emulated);
  }

  /** Clears records, log, pending faults and the picker, typing state, the users registered as puppetizable and the threads of stored contents. */
  reset(): void {
    this.acceptedList.clear();
    this.refusedList.clear();
    this.logList.clear();
    this.faults.clear();
    this.typing.clear();
    for (const source of this.sources.values()) {
      source.puppetizableUserIds.clear();
      source.threadOfContent.clear();
    }
  }

  /**
   * Closes the server and every open socket at once — idle keep-alive ones
   * and those with a request in flight (including fault delays) — so a test's
   * teardown never waits for a keep-alive timeout. Resolves when closed.
   */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    this.url = undefined;
    for (const delay of this.delays) {
      clearTimeout(delay.timer);
      delay.done();
    }
    this.delays.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    this.handle(req, res, expectsContinue).catch((error: unknown) => {
      // A bug in the emulator must not look like an Engage answer: say so, loudly but safely.
      this.say(`500 internal emulator error: ${safeForLog(error instanceof Error ? error.message : String(error), MAX_ERROR_CHARS)}`);
      if (!res.headersSent && !res.destroyed) answer(res, 500, 'Internal emulator error');
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const method = req.method ?? '';
    const entry: LoggedRequest = { method, path: keptText(path, MAX_KEPT_PATH_CHARS) };
    this.logList.push(entry);
    const receivedAt = this.now();

    const match = method === 'POST' ? SEND_ROUTE.exec(path) : null;
    if (match === null) {
      entry.status = 404;
      discardRequestBody(req, MAX_DISCARD_BYTES);
      answer(res, 404, 'Not found');
      this.say(`404 Not found ${method} ${safeForLog(path)}`);
      return;
    }
    const exchange: Exchange = { req, res, expectsContinue, entry, receivedAt, sourceId: decodePathSegment(match[1] as string) };
    const fault = this.faults.next();
    if (fault !== undefined && (await this.applyFault(exchange, fault)) === 'answered') return;
    await this.serveSendRequest(exchange, fault?.drop === 'after-read');
  }

  /** Applies the parts of `fault` that come before processing; `answered` when nothing is left to do. */
  private async applyFault(exchange: Exchange, fault: EmulatorFault): Promise<'answered' | 'process'> {
    const { req, res, entry } = exchange;
    entry.fault = fault;
    if (fault.delayMs !== undefined && fault.delayMs > 0) await this.delay(fault.delayMs);
    // The client gave up, or stop() closed the socket, during the delay.
    if (res.destroyed || req.socket.destroyed) return 'answered';
    if (fault.drop === 'before-read') {
      req.socket.destroy();
      this.say(`dropped before reading (injected fault) ${sourceForLog(exchange.sourceId)}`);
      return 'answered';
    }
    if (fault.status === undefined || fault.drop !== undefined) return 'process';
    // Read (and discard) the body first, as a real proxy answering 503 would, so the connection stays reusable.
    const read = await this.readBody(exchange);
    if (read.kind === 'aborted') return 'answered';
    entry.status = fault.status;
    answer(res, fault.status, fault.body ?? STATUS_CODES[fault.status] ?? '', fault.headers);
    this.say(`${fault.status} (injected fault) ${sourceForLog(exchange.sourceId)}`);
    return 'answered';
  }

  /** Engage's processing (steps 1–10), recording the outcome; `dropAnswer` closes the socket instead of answering. */
  private async serveSendRequest(exchange: Exchange, dropAnswer: boolean): Promise<void> {
    const { req, res, entry, sourceId } = exchange;
    const read = await this.readBody(exchange);
    if (read.kind === 'aborted') {
      this.say(`no answer: the request ended before its body did (client gone, or over the ${this.limits.requestTimeoutMs} ms request timeout) ${sourceForLog(sourceId)}`);
      return;
    }
    const outcome: SendOutcome =
      read.kind === 'too-large'
        ? { kind: 'refused', refusal: ENGAGE_ERRORS.requestTooLarge }
        : this.processor.process({ sourceId, rawBody: read.body, signature: req.headers['x-smccsdk-signature'] });

    // Its own copy, bounded: the id is a slice of the URL, which may be 16 KB long.
    const recordedSourceId = keptText(sourceId, MAX_KEPT_PATH_CHARS);
    let status: number;
    let body: string;
    let line: string;
    if (outcome.kind === 'accepted') {
      const rawBody = read.kind === 'complete' ? read.body : Buffer.alloc(0);
      const { record, bytes } = buildAcceptedRecord(
        {
          sourceId: recordedSourceId,
          action: outcome.action,
          params: outcome.params,
          body: rawBody,
          headers: req.headers,
          receivedAt: exchange.receivedAt,
        },
        this.limits.maxKeptBodyBytes,
      );
      this.acceptedList.push(record, bytes);
      status = 200;
      body = 'ok';
      line = `200 ${outcome.action} ${sourceForLog(sourceId)}${idForLog(outcome.params)}`;
    } else {
      const { refusal, action, failure } = outcome;
      this.refusedList.push({
        sourceId: recordedSourceId,
        ...(action === undefined ? {} : { action: keptText(action, MAX_KEPT_ACTION_CHARS) }),
        ...refusal,
        // The path names the client's keys, which may be of any length.
        ...(failure === undefined ? {} : { field: keptText(failure.path, MAX_KEPT_PATH_CHARS), rule: failure.rule }),
      });
      status = refusal.status;
      body = refusal.message;
      line = `${refusal.status} ${refusal.message} ${sourceForLog(sourceId)}${outcome.action === undefined ? '' : ` action=${safeForLog(outcome.action)}`}`;
    }

    if (dropAnswer) {
      req.socket.destroy();
      this.say(`${line} (answer dropped: injected fault)`);
      return;
    }
    entry.status = status;
    answer(res, status, body);
    this.say(line);
  }

  private readBody(exchange: Exchange): Promise<BodyReadResult> {
    return readRequestBody(exchange.req, exchange.res, {
      maxBytes: MAX_BODY_BYTES,
      maxDiscardBytes: MAX_DISCARD_BYTES,
      expectsContinue: exchange.expectsContinue,
    });
  }

  /** Passes one line to the logger, bounded whatever went into it. */
  private say(line: string): void {
    this.logger?.(boundedLogLine(line));
  }

  /** Waits `ms`, or less if the emulator stops meanwhile. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const pending = {
        timer: setTimeout(() => {
          this.delays.delete(pending);
          resolve();
        }, ms),
        done: resolve,
      };
      this.delays.add(pending);
    });
  }
}

/** Writes a complete plain-text answer, unless the client is already gone. */
function answer(res: ServerResponse, status: number, body: string, headers?: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': TEXT_PLAIN, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** The URL-decoded segment; a malformed escape is kept as is (it then simply names no source). */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** ` id=<content id>` of stored content (none for typing events), so a log shows what was stored. */
function idForLog(params: Record<string, unknown>): string {
  return typeof params.id === 'string' ? ` id=${safeForLog(params.id)}` : '';
}
