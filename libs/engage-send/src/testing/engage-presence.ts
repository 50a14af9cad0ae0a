/**
 * Whether Engage would consider `value` missing. Engage treats `null`, an
 * empty string, an empty array and an absent field alike.
 */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` is a usable embedded User (an `author` or `recipient`):
 * an object with `id` and `screenname`. Embedded users need nothing more,
 * because the spec's own examples send authors with only `created_at`.
 */
export function isEmbeddedUser(value: unknown): value is Record<string, unknown> {
  return isJsonObject(value) && !isBlank(value['id']) && !isBlank(value['screenname']);
}
