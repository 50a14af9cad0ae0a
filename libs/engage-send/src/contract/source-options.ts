/**
 * Every source option an integration can declare in its `implementation.info`
 * answer (all off unless listed).
 */
export const ENGAGE_SOURCE_OPTIONS = [
  'messages.unthreaded',
  'messages.no_title',
  'private_messages.no_title',
  'threads.no_content',
  'messages.text',
  'messages.html',
  'messages.allow_survey',
  'private_messages.text',
  'private_messages.html',
  'threads.text',
  'threads.html',
  'view.messaging',
  'messaging.typing_indicator',
  'messaging.queuing_update',
  'messages.attachments',
  'private_messages.attachments',
  'threads.attachments',
] as const;

/** A source option name from {@link ENGAGE_SOURCE_OPTIONS}. */
export type EngageSourceOption = (typeof ENGAGE_SOURCE_OPTIONS)[number];

/**
 * Options that make Engage *less* strict: with them, `messages.create` no
 * longer needs `thread_id`, and `threads.create` no longer needs `author`
 * and `body`.
 */
export const RELAXING_SOURCE_OPTIONS: readonly EngageSourceOption[] = ['messages.unthreaded', 'threads.no_content'];

/** Structured contents need it (else 422 `Source doesn't support structured contents`). */
export const STRUCTURED_CONTENT_OPTION: EngageSourceOption = 'view.messaging';

/** Typing events need it (else 422 `Invalid action`). */
export const TYPING_OPTION: EngageSourceOption = 'messaging.typing_indicator';
