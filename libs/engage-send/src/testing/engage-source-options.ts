/**
 * Every source option an integration can declare in its `implementation.info`
 * answer, as the spec lists them.
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

/**
 * Every option except the {@link RELAXING_SOURCE_OPTIONS}: the emulator's
 * default, so that a client that forgets `thread_id` (or a thread's author and
 * body) is caught. Sources that relax them declare them explicitly.
 */
export const STRICT_SOURCE_OPTIONS: readonly EngageSourceOption[] = ENGAGE_SOURCE_OPTIONS.filter(
  (option) => !RELAXING_SOURCE_OPTIONS.includes(option),
);

/** Structured content types a source supports unless told otherwise: all four the spec documents. */
export const DEFAULT_STRUCTURED_CONTENT_TYPES: readonly string[] = ['select', 'rich_link', 'template', 'carousel'];
