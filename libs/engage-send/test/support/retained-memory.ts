import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `npm test` does not pass --expose-gc; this is the documented way to get `gc` at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Bytes this process keeps alive after a full garbage collection: the JS
 * heap plus memory held outside it (Buffers). Differences between two calls
 * are what the code in between retained.
 */
export function retainedBytes(): number {
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** `bytes` in MB with one decimal, for failure messages and logs. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
