import type { EmulatorFault, FaultPicker } from './emulator-fault.js';

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
