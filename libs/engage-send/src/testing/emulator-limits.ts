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
