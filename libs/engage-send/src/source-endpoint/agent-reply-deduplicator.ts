import type { EngageCreatedContent } from './engage-call-answers.js';
import { InMemoryIdempotencyStore, type EngageIdempotencyStore } from './idempotency-store.js';

/** What the deduplicator reads from a delivered content. */
export interface DeliveredContent {
  /** Engage's own id of the content. */
  readonly content_id?: string | null;
}

/**
 * Creates an agent's content once, however many times Engage delivers it.
 * Engage retries a `create` (with `retry: true`) when it got no 2xx answer,
 * including when the answer was lost after the content was created: keyed by
 * `content_id`, the second delivery answers the content created by the
 * first instead of creating another. A delivery that arrives while the first
 * is still being created waits for it.
 *
 * ```ts
 * private readonly replies = new AgentReplyDeduplicator();
 *
 * @OnEngageCall('messages.create')
 * create(message: AgentMessage) {
 *   return this.replies.once(message, () => this.chat.post(message));
 * }
 * ```
 * Use one per source. The default store is in memory, bounded (10 000
 * contents, one hour); give it an {@link EngageIdempotencyStore} to share
 * across processes. A content without `content_id` is simply created.
 */
export class AgentReplyDeduplicator {
  private readonly store: EngageIdempotencyStore;
  /** Creations in progress in this process, by content id. */
  private readonly inFlight = new Map<string, Promise<EngageCreatedContent>>();

  constructor(store: EngageIdempotencyStore = new InMemoryIdempotencyStore()) {
    this.store = store;
  }

  /**
   * The content already created for `content.content_id`, or what `create`
   * creates (remembered once it succeeds; a failure is not remembered, so
   * Engage's retry tries again).
   */
  async once<T extends EngageCreatedContent>(content: DeliveredContent, create: () => T | Promise<T>): Promise<T> {
    const key = content.content_id;
    if (typeof key !== 'string' || key === '') return create();
    const running = this.inFlight.get(key);
    if (running !== undefined) return running as Promise<T>;
    const attempt = (async (): Promise<T> => {
      const known = await this.store.get(key);
      if (known !== undefined) return known as T;
      const created = await create();
      await this.store.set(key, created);
      return created;
    })();
    this.inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
