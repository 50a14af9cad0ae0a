/**
 * What a `typing.start` inside Engage's window does (one per thread every 2 s):
 * - `'coalesce'` (default): not sent; resolves at once with `coalesced: true`.
 *   A chat UI fires typing events on every keystroke and only needs the
 *   indicator to stay on: the redundant ones carry no information.
 * - `'error'`: rejects at once with an `EngageRateLimitError` (nothing sent).
 * - `'off'`: no client-side pacing; Engage answers 429 itself.
 */
export type TypingPacingMode = 'coalesce' | 'error' | 'off';

import type { EngageTypingPacer } from './engage-typing-pacer.js';

/** One thread's pacing state. */
interface TypingEntry {
  /** When the last `typing.start` was answered; `undefined` while it is in flight. */
  answeredAt: number | undefined;
}

/** A `typing.start` admitted by {@link TypingPacer.admit}: report its outcome with it. */
export interface TypingTicket {
  readonly key: string;
  readonly entry: TypingEntry;
}

/**
 * Client-side pacing of `typing.start`, per thread, from the spec's rule: one
 * per thread every `windowMs`, reset by `typing.stop`.
 *
 * The window is measured from when the previous start was *answered*: Engage
 * received it before then, so a start sent `windowMs` later reaches Engage at
 * least `windowMs` after the previous one, whatever the network did.
 *
 * Memory stays bounded however many threads pass through: entries live in a
 * Map in order of last update; expired ones are swept from its front on every
 * admission, and past `maxEntries` the oldest are dropped.
 */
export class TypingPacer implements EngageTypingPacer<TypingTicket> {
  private readonly entries = new Map<string, TypingEntry>();

  constructor(
    readonly windowMs: number,
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Threads currently tracked. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Admits a `typing.start` for thread `key`, or returns how long until the
   * window ends (ms) when one was started (or is in flight) within it.
   */
  admit(key: string): TypingTicket | { waitMs: number } {
    const now = this.now();
    this.sweep(now);
    const current = this.entries.get(key);
    if (current) {
      if (current.answeredAt === undefined) return { waitMs: this.windowMs };
      const elapsed = now - current.answeredAt;
      if (elapsed < this.windowMs) return { waitMs: this.windowMs - elapsed };
    }
    const entry: TypingEntry = { answeredAt: undefined };
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.cap();
    return { key, entry };
  }

  /** The admitted start was answered 200: its window runs from now. */
  answered(ticket: TypingTicket): void {
    // A typing.stop (or eviction) since admission replaced the entry: leave the reset alone.
    if (this.entries.get(ticket.key) !== ticket.entry) return;
    ticket.entry.answeredAt = this.now();
    this.entries.delete(ticket.key);
    this.entries.set(ticket.key, ticket.entry);
  }

  /** The admitted start failed: the next one may go at once. */
  failed(ticket: TypingTicket): void {
    if (this.entries.get(ticket.key) === ticket.entry) this.entries.delete(ticket.key);
  }

  /** `typing.stop` resets the thread's window. */
  reset(key: string): void {
    this.entries.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      // Answered entries are in answer order: stop at the first one still in its window.
      // In-flight ones (few: bounded by the sends in flight) are stepped over, so a slow
      // start cannot hold back the sweep.
      if (entry.answeredAt === undefined) continue;
      if (now - entry.answeredAt < this.windowMs) break;
      this.entries.delete(key);
    }
  }

  private cap(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
