/**
 * What validation does with properties the Send API contract does not define.
 *
 * - `'reject'` (default): fail with a validation error naming the property.
 *   Engage silently ignores unknown fields, so a typo such as `threadId` for
 *   `thread_id` would otherwise send content that Engage drops or misfiles.
 * - `'strip'`: remove them before sending.
 * - `'forward'`: send them as given (for fields Engage adds before this library knows them).
 */
export type UnknownPropertiesMode = 'reject' | 'strip' | 'forward';
