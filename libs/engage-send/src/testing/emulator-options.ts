import type { EngageAction } from '../contract/index.js';

/** One Engage SDK source the emulator knows, with what its integration declared. */
export interface EmulatorSource {
  /** The `source_id` in `POST /realtime/sdk/{source_id}`. */
  id: string;
  /** Key of the HMAC-SHA512 request signature. */
  accessToken: string;
  /**
   * Engage source options declared by the integration (spec: `implementation.info` options).
   * Default: `STRICT_SOURCE_OPTIONS`, every option of the spec except
   * `messages.unthreaded` and `threads.no_content`, which relax required fields
   * (declare them explicitly to emulate such a source).
   */
  options?: readonly string[];
  /** Actions the integration declared; others → 422 `Invalid action`. Default: all seven. */
  actions?: readonly EngageAction[];
  /** Structured content types the source supports. Default: select, rich_link, template, carousel. */
  structuredContentTypes?: readonly string[];
}

/** How to build an {@link EngageEmulator}. */
export interface EngageEmulatorOptions {
  /** Sources known from the start; more can be added with `addSource`. */
  sources: readonly EmulatorSource[];
  /**
   * Also refuse what the contract describes but Engage may not check (types,
   * lengths, enums, counts, formats), with 422 `Invalid resource format` and
   * the field recorded in `refused`. Default `false`: as lenient as Engage, which
   * refuses only missing required fields, dates that are no date, and
   * structured contents it can't show. For tests of clients other than this
   * library's, which validates all of it before sending.
   */
  strict?: boolean;
  /** `typing.start` window per thread, ms. Default 2000 (Engage's documented rate limit). */
  typingWindowMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Called with one line per request accepted or refused (also injected faults,
   * 404s and requests cut short), e.g. `200 messages.create source=src id=890`
   * for stored content. Lines never contain the access token or the
   * signature, show at most 64 characters of any value the client sent, and
   * are at most 512 characters long.
   */
  logger?: (line: string) => void;
  /** How much it keeps and how long it waits; see {@link EmulatorLimits}. Defaults: `DEFAULT_EMULATOR_LIMITS`. */
  limits?: EmulatorLimits;
  /**
   * Let the process exit while the emulator still listens (Node's
   * `server.unref()`). Default `false`. `EngageSendTestingModule` sets it, so
   * an emulator whose testing module never closed (say `compile()` threw)
   * does not keep Jest from exiting.
   */
  unref?: boolean;
}

/**
 * What the emulator keeps and how long it waits, so that neither grows with
 * traffic: it runs embedded in long-lived apps (the demo) and standalone.
 * Every field is optional; see {@link DEFAULT_EMULATOR_LIMITS}.
 */
export interface EmulatorLimits {
  /**
   * Most entries kept in each of `requests`, `refused` and `log`; past it the
   * oldest are dropped (the `received`, `acceptedCount` and `refusedCount`
   * counters keep counting). Default 10 000. `Infinity` keeps everything.
   */
  maxEntries?: number;
  /**
   * Most bytes `requests` may hold: kept bodies, their parsed params (an
   * estimate of their size in memory), headers. Past it the oldest records are
   * dropped, never the newest. Default 64 MiB. `Infinity` disables the budget.
   */
  maxRecordedBytes?: number;
  /**
   * Largest body a record keeps whole (`rawBody` and `params`). A larger one is
   * recorded by its size and SHA-256 (`bodyBytes`, `bodySha256`,
   * `bodyKept: false`), with `rawBody` empty and only the short top-level
   * values of `params` (ids, `thread_id`, …). Default 1 MiB.
   */
  maxKeptBodyBytes?: number;
  /** Time a client has to send a request's headers, in ms; then 408 and the connection is closed. Default 10 000. */
  headersTimeoutMs?: number;
  /**
   * Time a client has to send a whole request, headers and body, in ms; then
   * 408 (when no answer has started) and the connection is closed. A body the
   * emulator does not want (404, 413) is also read for at most this long, and
   * at most 4 × 20 MiB of it. A `delayMs` fault counts too when the body is
   * too large to arrive before it is read. Default 30 000. Must not be below
   * `headersTimeoutMs`.
   */
  requestTimeoutMs?: number;
}

/** The limits an emulator uses when its options say nothing. */
export const DEFAULT_EMULATOR_LIMITS: Readonly<Required<EmulatorLimits>> = Object.freeze({
  maxEntries: 10_000,
  maxRecordedBytes: 64 * 1024 * 1024,
  maxKeptBodyBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
});

/** Applies the defaults; throws a `RangeError` naming the field on a value it cannot use. */
export function resolveEmulatorLimits(limits: EmulatorLimits = {}): Required<EmulatorLimits> {
  const resolved = { ...DEFAULT_EMULATOR_LIMITS };
  for (const key of Object.keys(DEFAULT_EMULATOR_LIMITS) as (keyof EmulatorLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    const unbounded = key === 'maxEntries' || key === 'maxRecordedBytes';
    const valid = typeof value === 'number' && (Number.isSafeInteger(value) || (unbounded && value === Infinity));
    const timeout = key === 'headersTimeoutMs' || key === 'requestTimeoutMs';
    if (!valid || value < (timeout ? 1 : 0)) {
      throw new RangeError(`EmulatorLimits.${key} must be an integer >= ${timeout ? 1 : 0}${unbounded ? ' or Infinity' : ''}, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  if (resolved.headersTimeoutMs > resolved.requestTimeoutMs) {
    throw new RangeError(
      `EmulatorLimits.headersTimeoutMs (${resolved.headersTimeoutMs}) must not be above requestTimeoutMs (${resolved.requestTimeoutMs})`,
    );
  }
  return resolved;
}
