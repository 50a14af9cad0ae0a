/**
 * Engage counts characters, not UTF-16 code units: an emoji (a surrogate pair in
 * JavaScript) is one character. These helpers count Unicode code points without
 * allocating (no `[...str]`, no regex), since bodies may be up to 20 000
 * characters and validation runs on every send.
 */

/** Number of Unicode code points in `value` (a lone surrogate counts as one). */
export function countCodePoints(value: string): number {
  let count = 0;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Whether `value` has more than `max` code points; stops counting as soon as it knows. */
export function exceedsCodePoints(value: string, max: number): boolean {
  const length = value.length;
  // Each code point takes one or two UTF-16 units, which bounds the count on both sides.
  if (length <= max) return false;
  if (length > 2 * max) return true;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    if (++count > max) return true;
  }
  return false;
}
