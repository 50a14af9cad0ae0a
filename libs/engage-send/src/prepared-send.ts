import { MAX_BODY_BYTES, type EngageAction } from './contract/index.js';
import type { EngageErrorContext } from './errors/engage-send.error.js';
import { EngagePayloadTooLargeError } from './errors/payload-too-large.error.js';

/** The ids of a send that spans, logs, pacing and queues key on: never content. */
export interface SendIds {
  /** The integration's id of the content (`id` of creates and of `status.mark_as_read`). */
  readonly contentId?: string;
  /** The thread the content belongs to (`thread_id`; a thread's own `id` for `threads.create`). */
  readonly threadId?: string;
  /** Typing events only: the key Engage's typing rate limit is counted by. */
  readonly typingKey?: string;
}

/**
 * A send validated and serialised by `EngageSendService.prepare()`, ready for
 * `sendPrepared()`: plain data, so it can be stored (e.g. as a queue job) and
 * sent later by another process.
 */
export interface PreparedSend<A extends EngageAction = EngageAction> extends SendIds {
  readonly action: A;
  /** The serialised body: exactly the string that is signed and sent. */
  readonly body: string;
}

/**
 * The {@link SendIds} of `params` for `action` (whatever `params` holds: read
 * before validation); `typingKey` gives a typing event's pacing key.
 */
export function sendIds(action: string, params: unknown, typingKey: (params: { thread_id?: unknown; in_reply_to_id?: unknown }) => string): SendIds {
  if (params === null || typeof params !== 'object') return {};
  const { id, thread_id: threadId } = params as { id?: unknown; thread_id?: unknown };
  const thread = action === 'threads.create' ? id : threadId;
  const ids: { contentId?: string; threadId?: string; typingKey?: string } = {};
  if (typeof thread === 'string') ids.threadId = thread;
  if (typeof id === 'string' && !action.startsWith('typing.')) ids.contentId = id;
  if (action.startsWith('typing.')) ids.typingKey = typingKey(params as { thread_id?: unknown; in_reply_to_id?: unknown });
  return ids;
}

/**
 * Serialises validated params, once: the returned string is what is signed and
 * sent, byte for byte.
 *
 * @throws EngagePayloadTooLargeError when it is over Engage's 20 971 520 bytes (nothing is sent).
 */
export function serialiseSend(action: EngageAction, params: object, context: EngageErrorContext): string {
  const body = JSON.stringify({ action, params });
  // Engage's limit is in bytes, a string's length in UTF-16 units: skip the
  // count when even 3 bytes per unit (UTF-8's worst case) fits.
  if (body.length * 3 > MAX_BODY_BYTES) {
    const bodyBytes = Buffer.byteLength(body, 'utf8');
    if (bodyBytes > MAX_BODY_BYTES) throw new EngagePayloadTooLargeError({ ...context, bodyBytes });
  }
  return body;
}
