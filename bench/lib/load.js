/** Runs sends at a fixed concurrency and measures them. */

/** The `q`-quantile of sorted values (nearest rank). */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of numbers (mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * `sends` calls of `send`, `concurrency` in flight, cycling through
 * `paramsList`. Client CPU is `process.cpuUsage()` over the whole run (user +
 * system, everything this process did: the client under test, GC included).
 *
 * @returns {Promise<{ sends: number, errors: number, firstError?: string, cpuUsPerSend: number, sendsPerSec: number, p50Ms: number, p99Ms: number, wallMs: number }>}
 */
export async function runLoad(send, paramsList, { sends, concurrency }) {
  const latencies = new Float64Array(sends);
  let next = 0;
  let errors = 0;
  let firstError;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= sends) return;
      const params = paramsList[i % paramsList.length];
      const started = performance.now();
      try {
        await send(params);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
      latencies[i] = performance.now() - started;
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, sends) }, worker));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort();
  return {
    sends,
    errors,
    ...(firstError === undefined ? {} : { firstError: String(firstError?.message ?? firstError) }),
    cpuUsPerSend: (cpu.user + cpu.system) / sends,
    sendsPerSec: sends / (wallMs / 1000),
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    wallMs,
  };
}
