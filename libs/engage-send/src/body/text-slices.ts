/**
 * A large body is signed and sent slice by slice: the HMAC and the socket read
 * the same UTF-8 bytes, and no second copy of the body is ever whole in memory.
 */

/** Strings longer than this (in UTF-16 units) are signed and sent in slices of at most this length. */
export const BODY_SLICE_UNITS = 64 * 1024;

/**
 * `text` in slices of at most {@link BODY_SLICE_UNITS} units, never between the
 * two halves of a surrogate pair, so that the slices' UTF-8 bytes, end to end,
 * are exactly `Buffer.from(text, 'utf8')`, and their JSON escapes are those of
 * the whole string. Slices of a flat string share its memory.
 */
export function* textSlices(text: string): Generator<string, void, undefined> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + BODY_SLICE_UNITS, text.length);
    // A high surrogate last would be encoded alone (as U+FFFD, or escaped as \udXXX): keep it with its pair.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield text.slice(start, end);
    start = end;
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
