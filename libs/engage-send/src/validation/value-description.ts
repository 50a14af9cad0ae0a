/** Longest part of a caller's string copied into a message: errors, logs and spans stay small. */
const MAX_QUOTED_CHARS = 40;

/**
 * Describes a value's kind for error messages ("got a number", "got null"),
 * so a message tells the caller what they sent without copying it.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  const type = typeof value;
  if (type !== 'object') return `a ${type}`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return 'an object';
  // Own `constructor` keys (as JSON.parse produces) must not be trusted: read it from the prototype.
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  const name = typeof ctor === 'function' ? ctor.name.slice(0, MAX_QUOTED_CHARS) : '';
  return name ? `a ${name}` : 'an object';
}

/** A string quoted for a message, cut to a few dozen characters: `"yesterd…" (1 204 chars)`. */
export function quote(value: string): string {
  if (value.length <= MAX_QUOTED_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_QUOTED_CHARS))}… (${value.length} chars)`;
}

/** A string quoted (see {@link quote}), anything else described (see {@link describeValue}). */
export function showValue(value: unknown): string {
  return typeof value === 'string' ? quote(value) : describeValue(value);
}

/** Longest key kept in a path; a longer one is cut (`aaaa…`), so a path stays small. */
const MAX_PATH_KEY_CHARS = 64;

/** A key as it appears in a path. */
export function pathKey(key: string | number): string {
  const text = String(key);
  return text.length > MAX_PATH_KEY_CHARS ? `${text.slice(0, MAX_PATH_KEY_CHARS)}…` : text;
}
