import type { EngageCreatedContent } from './engage-call-answers.js';

/**
 * Where an {@link AgentReplyDeduplicator} remembers the contents it created,
 * by Engage's `content_id`. Back it with your own store (Redis, a table) to
 * share it between processes and survive restarts; values are plain JSON.
 */
export interface EngageIdempotencyStore {
  /** The content created for `contentId`, if any. */
  get(contentId: string): EngageCreatedContent | undefined | Promise<EngageCreatedContent | undefined>;
  /** Remembers the content created for `contentId`. */
  set(contentId: string, created: EngageCreatedContent): void | Promise<void>;
}

/** Options of {@link InMemoryIdempotencyStore}. */
export interface InMemoryIdempotencyStoreOptions {
  /** Most contents remembered; the oldest are forgotten beyond it. Default `10000`. */
  maxEntries?: number;
  /** How long a content is remembered, in ms. Default one hour (Engage retries within minutes). */
  ttlMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * The default store: in process memory, bounded in count and in time, so it
 * never grows with traffic.
 */
export class InMemoryIdempotencyStore implements EngageIdempotencyStore {
  private readonly entries = new Map<string, { created: EngageCreatedContent; expires: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: InMemoryIdempotencyStoreOptions = {}) {
    const { maxEntries = 10_000, ttlMs = 3_600_000, now = Date.now } = options;
    if (!Number.isInteger(maxEntries) || maxEntries <= 0) throw new TypeError(`maxEntries must be a positive integer (got ${String(maxEntries)})`);
    if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new TypeError(`ttlMs must be a positive integer of ms (got ${String(ttlMs)})`);
    this.maxEntries = maxEntries;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** Contents remembered now (expired ones may still count until they are met). */
  get size(): number {
    return this.entries.size;
  }

  get(contentId: string): EngageCreatedContent | undefined {
    const entry = this.entries.get(contentId);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(contentId);
      return undefined;
    }
    return entry.created;
  }

  set(contentId: string, created: EngageCreatedContent): void {
    this.entries.delete(contentId);
    this.entries.set(contentId, { created, expires: this.now() + this.ttlMs });
    // A Map iterates in insertion order: the first key is the oldest entry.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
