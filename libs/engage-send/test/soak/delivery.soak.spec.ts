import { describe, expect, it } from '@jest/globals';
import { formatSoakReport, runDeliverySoak } from './delivery-soak.js';

// `npm test` runs a smaller pass; `npm run soak` sets SOAK_SENDS=10000.
const SENDS = Number(process.env.SOAK_SENDS ?? 1_500);
const BOUND_MS = Math.max(60_000, SENDS * 12);

/** Accepts a binomial count within 4.5 standard deviations of its mean (a false alarm about once in 300 000 runs). */
function expectBinomial(count: number, n: number, p: number): void {
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  expect(count).toBeGreaterThanOrEqual(Math.max(0, Math.floor(mean - 4.5 * sd)));
  expect(count).toBeLessThanOrEqual(Math.ceil(mean + 4.5 * sd));
}

describe(`delivery soak: ${SENDS} sends with 20 % injected faults`, () => {
  it(
    'with 2 retries: nothing lost, every id stored at least once unless reported failed, failures as the budget predicts',
    async () => {
      const report = await runDeliverySoak({ sends: SENDS, threads: 200, retries: 2, seed: 7, maxInFlight: 64 });
      process.stdout.write(`${formatSoakReport(report, BOUND_MS)}\n`);
      expect(report.lost).toBe(0);
      expect(report.unsettled).toBe(0);
      expect(report.delivered + report.failed - report.failedButDelivered).toBe(SENDS);
      expectBinomial(report.failed, SENDS, report.predictedFailureRate);
      expect(report.elapsedMs).toBeLessThan(BOUND_MS);
    },
    BOUND_MS + 30_000,
  );

  it(
    'with 8 retries: nothing lost and nothing failed',
    async () => {
      const report = await runDeliverySoak({ sends: SENDS, threads: 200, retries: 8, seed: 11, maxInFlight: 64 });
      process.stdout.write(`${formatSoakReport(report, BOUND_MS)}\n`);
      expect(report.lost).toBe(0);
      expect(report.failed).toBe(0);
      expect(report.delivered).toBe(SENDS);
      expect(report.elapsedMs).toBeLessThan(BOUND_MS);
    },
    BOUND_MS + 30_000,
  );
});
