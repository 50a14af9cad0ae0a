/** Deepest nesting accepted in a call's params: Engage's contents nest a few levels (a carousel's buttons: 5). */
export const MAX_PARAMS_DEPTH = 32;

/**
 * The field of `params` (`params.<field>`) holding a value nested deeper than
 * `maxDepth`, or `undefined`. Walks with its own stack (a body of a million `[` must not
 * overflow the call stack of the validators behind it); only objects and
 * arrays are visited, and the path is built only when one is found.
 */
export function tooDeepPath(params: unknown, maxDepth = MAX_PARAMS_DEPTH): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  // Every object visited: its value, depth, parent (index here) and key in the parent.
  const values: object[] = [params];
  const depths: number[] = [0];
  const parents: number[] = [-1];
  const keys: (string | number)[] = [''];
  for (let index = 0; index < values.length; index++) {
    const depth = depths[index] as number;
    if (depth >= maxDepth) return pathOf(index, parents, keys);
    const value = values[index] as Record<string, unknown> | unknown[];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child = value[i];
        if (typeof child !== 'object' || child === null) continue;
        values.push(child);
        depths.push(depth + 1);
        parents.push(index);
        keys.push(i);
      }
    } else {
      for (const key in value) {
        const child = value[key];
        if (typeof child !== 'object' || child === null) continue;
        values.push(child);
        depths.push(depth + 1);
        parents.push(index);
        keys.push(key);
      }
    }
  }
  return undefined;
}

/** Keys that may be repeated in an answer and a log line: a body's other keys are not. */
const PLAIN_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** The path of the top-level field holding the value at `index` (`params` when its name is not plain). */
function pathOf(index: number, parents: readonly number[], keys: readonly (string | number)[]): string {
  let at = index;
  while ((parents[at] as number) > 0) at = parents[at] as number;
  const key = String(keys[at]);
  return at > 0 && PLAIN_KEY.test(key) ? `params.${key}` : 'params';
}
