/**
 * Describes a value's kind for error messages ("got a number", "got null"),
 * so a message tells the caller what they actually sent, not only what was expected.
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
  const name = typeof ctor === 'function' ? ctor.name : '';
  return name ? `a ${name}` : 'an object';
}
