/** The emulator's injected faults: what a fault is, the schedule that hands them out, and random mixes for soak runs. */

/**
 * A misbehaviour to inject instead of (or around) normal processing of one
 * Send API request. Precedence: `delayMs` is always waited first; then `drop`,
 * when set, wins over `status`/`body`/`headers` (which are then ignored);
 * otherwise `status` answers without processing; a fault with only `delayMs`
 * processes the request normally after the delay.
 */
export interface EmulatorFault {
  /** Answer this status instead of processing (the request is NOT recorded as accepted nor refused). */
  status?: number;
  /** Body for `status`. Default: the status's standard reason phrase, e.g. `Service Unavailable`. */
  body?: string;
  /** Extra response headers for `status`, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (combined with `status`, or before normal processing). */
  delayMs?: number;
  /**
   * `'before-read'`: destroy the socket without reading the body (nothing stored).
   * `'after-read'`: read and process normally (store it if valid, refuse it otherwise),
   * then destroy the socket without answering — an answer lost in transit.
   */
  drop?: 'before-read' | 'after-read';
}

/**
 * Decides the fault for one Send API request, or none. `requestIndex` counts
 * Send API requests (`POST /realtime/sdk/:source_id`) from 0 since `start`
 * or the last `reset`, faulted or not.
 */
export type FaultPicker = (requestIndex: number) => EmulatorFault | undefined;

/** Throws a `RangeError` when `fault` could not be applied, so mistakes surface at injection time. */
export function assertValidFault(fault: EmulatorFault): void {
  if (fault.status !== undefined && (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599)) {
    throw new RangeError(`EmulatorFault.status must be an integer from 200 to 599, got ${String(fault.status)}`);
  }
  if (fault.delayMs !== undefined && !(Number.isFinite(fault.delayMs) && fault.delayMs >= 0)) {
    throw new RangeError(`EmulatorFault.delayMs must be a finite number >= 0, got ${String(fault.delayMs)}`);
  }
  if (fault.drop !== undefined && fault.drop !== 'before-read' && fault.drop !== 'after-read') {
    throw new RangeError(`EmulatorFault.drop must be 'before-read' or 'after-read', got ${String(fault.drop)}`);
  }
  if (fault.status === undefined && fault.delayMs === undefined && fault.drop === undefined) {
    throw new RangeError('EmulatorFault needs at least one of status, delayMs or drop');
  }
}

/**
 * Which fault, if any, the next Send API request gets. Counted faults (from
 * `add`) are used first, in the order they were added; once they run out the
 * picker (from `setPicker`), if any, is asked.
 */
export class FaultSchedule {
  private readonly queue: { fault: EmulatorFault; remaining: number }[] = [];
  private picker: FaultPicker | undefined;
  private requestIndex = 0;

  /** Queues `fault` for the next `count` requests not already covered by earlier counted faults. */
  add(fault: EmulatorFault, count: number): void {
    assertValidFault(fault);
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`fault count must be a non-negative integer, got ${String(count)}`);
    }
    if (count > 0) this.queue.push({ fault, remaining: count });
  }

  /** Replaces the picker consulted once counted faults run out (`undefined` removes it). */
  setPicker(picker: FaultPicker | undefined): void {
    this.picker = picker;
  }

  /** Counted faults still waiting to be applied. */
  get pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** The fault for the next Send API request (advances the request index). */
  next(): EmulatorFault | undefined {
    const index = this.requestIndex++;
    const head = this.queue[0];
    if (head !== undefined) {
      head.remaining -= 1;
      if (head.remaining === 0) this.queue.shift();
      return head.fault;
    }
    if (this.picker === undefined) return undefined;
    const picked = this.picker(index);
    // Validated per request because the picker is user code; invalid faults must fail loudly, not half-apply.
    if (picked !== undefined) assertValidFault(picked);
    return picked;
  }

  /** Forgets every counted fault and the picker, and restarts the request index at 0. */
  clear(): void {
    this.queue.length = 0;
    this.picker = undefined;
    this.requestIndex = 0;
  }
}

/** One entry of a {@link randomFaults} mix: apply `fault` to a `rate` share of requests. */
export interface FaultRate {
  /** The fault to apply. */
  fault: EmulatorFault;
  /** Probability, from 0 to 1, that a request gets this fault. */
  rate: number;
}

/**
 * A {@link FaultPicker} that faults requests at random: each request draws one
 * number from `random` and gets the first fault whose cumulative rate covers
 * it, or none. Rates must add up to at most 1. Pass {@link seededRandom} for a
 * run that can be replayed.
 *
 * @example
 * emulator.injectFaults(randomFaults([
 *   { fault: { status: 503, headers: { 'retry-after': '0' } }, rate: 0.05 },
 *   { fault: { drop: 'after-read' }, rate: 0.01 },
 * ], seededRandom(42)));
 */
export function randomFaults(mix: readonly FaultRate[], random: () => number = Math.random): FaultPicker {
  let total = 0;
  const thresholds = mix.map(({ fault, rate }) => {
    if (!(Number.isFinite(rate) && rate >= 0 && rate <= 1)) throw new RangeError(`fault rate must be within [0, 1], got ${String(rate)}`);
    total += rate;
    return { fault, upTo: total };
  });
  // A small tolerance: 0.1 + 0.2 + 0.7 is 1.0000000000000002 in floating point.
  if (total > 1 + 1e-9) throw new RangeError(`fault rates add up to ${total}, over 1`);
  return () => {
    const draw = random();
    for (const { fault, upTo } of thresholds) if (draw < upTo) return fault;
    return undefined;
  };
}

/**
 * A deterministic pseudo-random generator (mulberry32) returning numbers in
 * [0, 1): the same `seed` gives the same sequence, so a soak run's faults
 * can be replayed. Not for anything security-related.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
