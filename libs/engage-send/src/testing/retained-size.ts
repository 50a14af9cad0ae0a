// Rough V8 costs (64-bit, no pointer compression), rounded up: a slot in an array,
// an object or array header, a property of an object in dictionary mode, a string header, a heap number.
const SLOT = 8;
const OBJECT = 56;
const ARRAY = 40;
const PROPERTY = 64;
const STRING = 24;
const NUMBER = 16;
/** Matches a character that makes V8 store a string with two bytes per character. */
const TWO_BYTE_CHAR = /[^\u0000-\u00ff]/;

/** Bytes a string from `JSON.parse` takes in memory, rounded up. */
export function stringBytes(text: string): number {
  return STRING + (TWO_BYTE_CHAR.test(text) ? 2 * text.length : text.length);
}

/**
 * An upper estimate of the memory a parsed JSON value keeps alive, in bytes,
 * in one pass over it (no recursion: depth is the client's choice). What the
 * emulator keeps is budgeted with it, because a body's parsed form can take
 * twenty times its size (a body of `[{},{},…]`).
 */
export function estimateRetainedBytes(value: unknown): number {
  let bytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    bytes += SLOT;
    if (typeof next === 'string') bytes += stringBytes(next);
    else if (typeof next === 'number') bytes += NUMBER;
    else if (Array.isArray(next)) {
      bytes += ARRAY;
      for (const item of next) pending.push(item);
    } else if (typeof next === 'object' && next !== null) {
      bytes += OBJECT;
      const object = next as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        bytes += PROPERTY + stringBytes(key);
        pending.push(object[key]);
      }
    }
  }
  return bytes;
}
