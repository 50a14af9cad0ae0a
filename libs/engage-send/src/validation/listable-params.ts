import { isDataObject, RESERVED_KEYS } from './data-object.js';

/*
 * Listing every problem of refused params runs class-transformer and
 * class-validator, whose cost is not linear in every shape of input
 * (class-transformer de-duplicates an object's keys with `indexOf`). Params are
 * listed only within these bounds; beyond them the error names the first
 * problem and says the rest were not listed. Valid params never come here:
 * the contract checker accepts them in one linear walk, whatever their size.
 */

/** Most keys in one object (context data with hundreds of entries is already odd). */
export const MAX_LISTED_KEYS_PER_OBJECT = 500;
/**
 * Most keys and array items in all: class-transformer spends about 10 µs on
 * each object it copies, so listing stays within tens of ms. A carousel at its
 * limits holds about 60 objects.
 */
export const MAX_LISTED_ENTRIES = 2_000;
/** Deepest nesting. */
export const MAX_LISTED_DEPTH = 32;

/** Thrown when the params are beyond the bounds. */
class Unlistable {}

/**
 * The params as class-transformer may see them: the same object, or a copy
 * without keys naming Object.prototype members (class-transformer would call
 * an own `constructor` key; `onReservedKey` hears of each); `undefined` when
 * over the bounds or not JSON data (a class instance would be constructed, a
 * cycle would never end).
 */
export function listableParams(params: Record<string, unknown>, onReservedKey?: (path: string) => void): Record<string, unknown> | undefined {
  let entries = 0;
  const path: (string | number)[] = [];
  const visit = (value: unknown, depth: number): unknown => {
    if (typeof value !== 'object' || value === null || value instanceof Date) {
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw new Unlistable();
      return value;
    }
    if (depth > MAX_LISTED_DEPTH) throw new Unlistable();
    if (Array.isArray(value)) {
      if ((entries += value.length) > MAX_LISTED_ENTRIES) throw new Unlistable();
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const next = visit(value[i], depth + 1);
        path.pop();
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    if (!isDataObject(value)) throw new Unlistable();
    let keys = 0;
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
      if (++keys > MAX_LISTED_KEYS_PER_OBJECT || ++entries > MAX_LISTED_ENTRIES) throw new Unlistable();
      if (RESERVED_KEYS.has(key)) {
        onReservedKey?.(['params', ...path, key].join('.'));
        copy ??= withoutReserved(value);
        continue;
      }
      path.push(key);
      const next = visit(value[key], depth + 1);
      path.pop();
      if (next !== value[key]) (copy ??= withoutReserved(value))[key] = next;
    }
    return copy ?? value;
  };
  try {
    return visit(params, 0) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof Unlistable) return undefined;
    throw error;
  }
}

function withoutReserved(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in object) if (!RESERVED_KEYS.has(key)) copy[key] = object[key];
  return copy;
}
