import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `npm test` does not pass --expose-gc; this is the documented way to get `gc` at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Bytes this process keeps alive after a full garbage collection: the JS
 * heap plus memory held outside it (Buffers). Differences between two calls
 * are what the code in between retained. Collects until two readings agree:
 * V8 frees Buffer memory on a background thread, after `gc()` returns.
 */
export async function retainedBytes(): Promise<number> {
  let previous = Number.NaN;
  for (let attempt = 0; attempt < 20; attempt++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 25));
    const { heapUsed, external } = process.memoryUsage();
    const current = heapUsed + external;
    if (Math.abs(current - previous) < 256 * 1024) return current;
    previous = current;
  }
  return previous;
}

/** `bytes` in MB with one decimal, for failure messages and logs. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
