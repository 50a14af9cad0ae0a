import { createHash } from 'node:crypto';

/** Longest key kept as is; longer ones are kept as their digest, so a key costs little whatever the client sent. */
const MAX_KEY_CHARS = 256;

/**
 * A string key for any JSON value a client sent (an id may be a number, or
 * even an object): never calls the value's own methods.
 */
export function keyOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return text.length <= MAX_KEY_CHARS ? text : `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
