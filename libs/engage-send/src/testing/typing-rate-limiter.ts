/**
 * Engage's `typing.start` rate limit: one start per thread per window; a
 * `typing.stop` for the thread resets the timer. Memory stays bounded by the
 * threads that started typing within the last window: entries are kept in
 * start order (re-inserted on each start), so expired ones are dropped from
 * the front in amortised constant time.
 */
export class TypingRateLimiter {
  private readonly lastStart = new Map<string, number>();

  /** @param windowMs the window per thread, in ms. */
  constructor(private readonly windowMs: number) {
    if (!(Number.isFinite(windowMs) && windowMs >= 0)) throw new RangeError(`typingWindowMs must be a finite number >= 0, got ${String(windowMs)}`);
  }

  /** Records a start for `key` at `now` and returns true, or returns false (nothing recorded) if it is too soon. */
  tryStart(key: string, now: number): boolean {
    this.expire(now);
    const last = this.lastStart.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.lastStart.delete(key);
    this.lastStart.set(key, now);
    return true;
  }

  /** A `typing.stop`: the next start for `key` is allowed at once. */
  stop(key: string): void {
    this.lastStart.delete(key);
  }

  /** Threads currently inside their window (or not yet expired). */
  get size(): number {
    return this.lastStart.size;
  }

  /** Forgets every thread. */
  clear(): void {
    this.lastStart.clear();
  }

  private expire(now: number): void {
    for (const [key, at] of this.lastStart) {
      if (now - at < this.windowMs) break;
      this.lastStart.delete(key);
    }
  }
}
