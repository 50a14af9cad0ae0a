import { BoundedMap } from './bounded-map.js';

/**
 * The thread of each content sent (message id → thread id), so a typing event
 * that names only the content it answers (`in_reply_to_id`) is paced with its
 * thread, as Engage counts it. Bounded: the oldest are forgotten beyond `capacity`.
 */
export class TypingThreads {
  private readonly threadOfContent: BoundedMap<string, string>;

  constructor(capacity: number) {
    this.threadOfContent = new BoundedMap(capacity);
  }

  /** Records the thread of a content sent. */
  remember(contentId: string, threadId: string): void {
    this.threadOfContent.set(contentId, threadId);
  }

  /**
   * The key a typing event is paced by: its thread — `thread_id` wins, as in
   * Engage; else the thread of the content it answers, when known — or else
   * the content itself.
   */
  keyFor(params: { thread_id?: unknown; in_reply_to_id?: unknown }): string {
    // Read before validation (which refuses non-strings): never call a value's own methods.
    if (typeof params.thread_id === 'string' && params.thread_id !== '') return `t:${params.thread_id}`;
    const reply = typeof params.in_reply_to_id === 'string' ? params.in_reply_to_id : '';
    const thread = this.threadOfContent.get(reply);
    return thread === undefined ? `r:${reply}` : `t:${thread}`;
  }
}
