/*
 * "Did you mean" hints for unknown properties. Only computed on an unknown key
 * no longer than {@link MAX_HINTED_KEY_CHARS}: the edit distance is quadratic
 * in the key's length, and a long key is no typo.
 */

/** Longest unknown key a hint is computed for. */
export const MAX_HINTED_KEY_CHARS = 64;

const SEPARATORS = /[_-]/g;

/** `thread_id`, `threadId`, `ThreadID` and `thread-id` all normalise to `threadid`. */
function normalise(key: string): string {
  return key.replace(SEPARATORS, '').toLowerCase();
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[rows - 1]![cols - 1]!;
}

/**
 * The known property `unknown` most likely stands for: the same name in another
 * case style (`threadId` → `thread_id`, `screenName` → `screenname`), else a
 * close typo (`thraed_id` → `thread_id`). `undefined` when nothing is close.
 */
export function suggestProperty(unknown: string, known: readonly string[]): string | undefined {
  if (unknown.length > MAX_HINTED_KEY_CHARS) return undefined;
  const target = normalise(unknown);
  for (const candidate of known) if (normalise(candidate) === target) return candidate;
  // Short names are too easily "close" to each other: allow fewer edits.
  const maxDistance = target.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of known) {
    const distance = editDistance(target, normalise(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
