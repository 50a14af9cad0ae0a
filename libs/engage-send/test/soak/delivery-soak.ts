import { Test } from '@nestjs/testing';
import { EngageSendModule, EngageSendService, type EngageSendError } from '../../src/index.js';
import { silentLogger } from '../support/silent-logger.js';
import { EngageEmulator, randomFaults, seededRandom, type FaultRate } from '../../src/testing/index.js';

/** Parameters of one soak pass. */
export interface SoakOptions {
  sends: number;
  threads: number;
  retries: number;
  seed: number;
  maxInFlight: number;
}

/** What a soak pass observed. */
export interface SoakReport {
  sends: number;
  retries: number;
  /** Content ids the emulator stored at least once. */
  delivered: number;
  /** Content ids stored more than once, and why that can happen. */
  duplicates: number;
  duplicateReasons: { answerLostAfterRead: number; timedOutWhileProcessing: number };
  /** Sends whose caller got an error (by code). */
  failed: number;
  failedByCode: Record<string, number>;
  /** Of the failed, how many Engage stored anyway (the answer of the last attempt was lost). */
  failedButDelivered: number;
  /** Told success but never stored, or never told anything: must be 0. */
  lost: number;
  unsettled: number;
  faultsInjected: number;
  requestsReceived: number;
  /** Predicted share of sends that exhaust the retry budget: p^(retries+1). */
  predictedFailureRate: number;
  faultRate: number;
  elapsedMs: number;
}

// Client and emulator share one CPU here: under 64 sends in flight, answers
// queue for tens of ms (p99 ≈ 80 ms, GC pauses up to ≈ 200 ms). The timeout sits
// well above that, so only injected latency times out.
const TIMEOUT_MS = 1_000;
const RATE_LIMITED = 'too many typing requests, please try again in a few seconds';

/**
 * The fault mix: 20 % of requests fail, independently. Latency beyond the
 * client's timeout counts as a fault; the emulator still stores the content
 * after the delay, as a slow Engage would.
 */
export const SOAK_FAULTS: readonly FaultRate[] = [
  { fault: { status: 503, body: 'Service Unavailable' }, rate: 0.06 },
  { fault: { status: 500, body: 'Internal Server Error' }, rate: 0.02 },
  { fault: { status: 429, body: RATE_LIMITED, headers: { 'retry-after': '0' } }, rate: 0.04 },
  { fault: { drop: 'before-read' }, rate: 0.03 },
  { fault: { drop: 'after-read' }, rate: 0.02 },
  { fault: { delayMs: TIMEOUT_MS + 200 }, rate: 0.03 },
];

/**
 * Sends `sends` messages across `threads` threads through a real
 * EngageSendService and a real emulator injecting {@link SOAK_FAULTS}, then
 * reconciles what callers were told with what the emulator stored.
 */
export async function runDeliverySoak(options: SoakOptions): Promise<SoakReport> {
  const source = { id: 'soak-source', accessToken: 'soak-token' };
  // Reconciliation reads every record, and `npm run soak` makes more than the default limits keep.
  const emulator = new EngageEmulator({ sources: [source], limits: { maxEntries: Infinity, maxRecordedBytes: Infinity } });
  const baseUrl = await emulator.start();
  emulator.injectFaults(randomFaults(SOAK_FAULTS, seededRandom(options.seed)));
  const moduleRef = await Test.createTestingModule({
    imports: [
      EngageSendModule.forRoot({
        baseUrl,
        sourceId: source.id,
        accessToken: source.accessToken,
        timeoutMs: TIMEOUT_MS,
        maxInFlight: options.maxInFlight,
        maxQueue: options.sends,
        // Short waits keep the soak fast; the budget (retries) is what is under test.
        retry: { retries: options.retries, baseDelayMs: 5, maxDelayMs: 40, deadlineMs: 60_000 },
      }),
    ],
  })
    .setLogger(silentLogger)
    .compile();
  const engage = moduleRef.get(EngageSendService);
  const faultRate = SOAK_FAULTS.reduce((sum, f) => sum + f.rate, 0);

  const started = performance.now();
  const outcomes = new Map<string, { ok: true } | { ok: false; error: EngageSendError }>();
  const sends = Array.from({ length: options.sends }, (_, i) => {
    const id = `soak-${options.seed}-${i}`;
    return engage.messages
      .create({
        id,
        thread_id: `thread-${i % options.threads}`,
        author: { id: `user-${i % 97}`, screenname: 'Soak' },
        body: `message ${i}`,
      })
      .then(
        () => outcomes.set(id, { ok: true }),
        (error: EngageSendError) => outcomes.set(id, { ok: false, error }),
      );
  });
  // Every send must settle: a promise that never does is a message the caller was never told about.
  let settleTimer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(sends),
    new Promise((resolve) => {
      settleTimer = setTimeout(resolve, 5 * 60_000);
    }),
  ]);
  clearTimeout(settleTimer);
  const elapsedMs = performance.now() - started;

  // Let answers still being computed after a client timeout land in the records.
  await new Promise((resolve) => setTimeout(resolve, 400));
  const stored = new Map<string, number>();
  for (const request of emulator.requests) {
    const id = String(request.params.id);
    stored.set(id, (stored.get(id) ?? 0) + 1);
  }
  let delivered = 0;
  let duplicates = 0;
  let failed = 0;
  let failedButDelivered = 0;
  let lost = 0;
  const failedByCode: Record<string, number> = {};
  for (let i = 0; i < options.sends; i++) {
    const id = `soak-${options.seed}-${i}`;
    const copies = stored.get(id) ?? 0;
    const outcome = outcomes.get(id);
    if (copies > 0) delivered++;
    if (copies > 1) duplicates++;
    if (outcome?.ok === false) {
      failed++;
      failedByCode[outcome.error.code] = (failedByCode[outcome.error.code] ?? 0) + 1;
      if (copies > 0) failedButDelivered++;
    }
    if (!outcome || (outcome.ok && copies === 0)) lost++;
  }
  const faults = emulator.log.filter((entry) => entry.fault);
  const report: SoakReport = {
    sends: options.sends,
    retries: options.retries,
    delivered,
    duplicates,
    duplicateReasons: {
      answerLostAfterRead: faults.filter((e) => e.fault?.drop === 'after-read').length,
      timedOutWhileProcessing: faults.filter((e) => e.fault?.delayMs !== undefined && e.fault.status === undefined && !e.fault.drop).length,
    },
    failed,
    failedByCode,
    failedButDelivered,
    lost,
    unsettled: options.sends - outcomes.size,
    faultsInjected: faults.length,
    requestsReceived: emulator.received,
    predictedFailureRate: faultRate ** (options.retries + 1),
    faultRate,
    elapsedMs,
  };
  await moduleRef.close();
  await emulator.stop();
  return report;
}

/** The report as the lines the soak prints. */
export function formatSoakReport(report: SoakReport, boundMs: number): string {
  const pct = (n: number) => `${((100 * n) / report.sends).toFixed(2)} %`;
  const predicted = report.predictedFailureRate * report.sends;
  return [
    `soak: ${report.sends} sends, ${report.retries} retries, ${(100 * report.faultRate).toFixed(0)} % injected faults (${report.faultsInjected} of ${report.requestsReceived} requests)`,
    `  delivered   ${report.delivered} (${pct(report.delivered)})`,
    `  duplicates  ${report.duplicates} — answer lost after Engage stored it (${report.duplicateReasons.answerLostAfterRead} reset-after-read faults, ${report.duplicateReasons.timedOutWhileProcessing} timeouts while Engage was still processing), then retried with the same id`,
    `  failed      ${report.failed} (${pct(report.failed)}; predicted ${predicted.toFixed(1)} = ${(100 * report.predictedFailureRate).toFixed(2)} %), reported to the caller: ${JSON.stringify(report.failedByCode)}; of which stored anyway: ${report.failedButDelivered}`,
    `  lost        ${report.lost} (told success but never stored, or never told: ${report.unsettled} unsettled)`,
    `  elapsed     ${(report.elapsedMs / 1000).toFixed(1)} s (bound ${(boundMs / 1000).toFixed(0)} s)`,
  ].join('\n');
}
