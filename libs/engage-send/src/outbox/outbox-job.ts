import { createHash } from 'node:crypto';
import type { PreparedSend } from '../prepared-send.js';

/**
 * The actions the outbox queues: those whose params carry the content's `id`,
 * which makes a queued send idempotent (see {@link outboxJobId}). Typing events
 * have no id and lose their meaning when late, so they are sent directly
 * (and paced across replicas by the outbox's shared pacer).
 */
export const OUTBOX_ACTIONS = ['messages.create', 'private_messages.create', 'threads.create', 'users.create', 'status.mark_as_read'] as const;

/** An action the outbox queues. */
export type OutboxAction = (typeof OUTBOX_ACTIONS)[number];

/** Whether `action` is one the outbox queues. */
export function isOutboxAction(action: unknown): action is OutboxAction {
  return (OUTBOX_ACTIONS as readonly unknown[]).includes(action);
}

/** Where the span that enqueued a job was, so its delivery span can link to it. */
export interface OutboxTraceLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

/** What a job stores: the prepared send (validated, serialised) and its trace link. Never a token or a signature. */
export interface OutboxJobData {
  /** Shape version, so a later format can be told apart by workers. */
  readonly v: 1;
  readonly send: PreparedSend;
  readonly link?: OutboxTraceLink;
}

/** What a delivered job resolves with (BullMQ's `returnvalue`). */
export interface OutboxJobResult {
  /** Engage's status: 200. */
  readonly status: number | undefined;
  /** Milliseconds from enqueueing to Engage's answer. */
  readonly ageMs: number;
}

// BullMQ reserves ':' in custom ids (its key separator), and ids are Redis keys: keep them short.
const MAX_READABLE_ID_CHARS = 200;

/**
 * The job id of a send: the action and the content id, e.g.
 * `messages.create-890`. The same content enqueued twice gets the same id, so
 * BullMQ stores it once. `:` and `%` are percent-encoded (BullMQ reserves `:`);
 * an id longer than 200 characters is replaced by its SHA-256
 * (`messages.create#<base64url>`, `#` never appears in the readable form).
 */
export function outboxJobId(action: OutboxAction, contentId: string): string {
  const readable = contentId.replace(/%/g, '%25').replace(/:/g, '%3A');
  if (readable.length <= MAX_READABLE_ID_CHARS) return `${action}-${readable}`;
  return `${action}#${createHash('sha256').update(contentId, 'utf8').digest('base64url')}`;
}

/** Whether `data` has the shape of an {@link OutboxJobData} (jobs are read back from Redis: anything may be there). */
export function isOutboxJobData(data: unknown): data is OutboxJobData {
  if (data === null || typeof data !== 'object') return false;
  const { v, send } = data as { v?: unknown; send?: { action?: unknown; body?: unknown } };
  return v === 1 && typeof send === 'object' && send !== null && isOutboxAction(send.action) && typeof send.body === 'string';
}
