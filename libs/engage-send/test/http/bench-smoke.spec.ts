import { afterAll, beforeAll, expect, it } from '@jest/globals';

/*
 * The benchmark harness (`npm run bench`), run in-process with tiny counts
 * against its own signing server (a child process): every variant, task and
 * report step runs once and produces well-formed results. Nothing here is
 * timed: the figures are only checked to be figures.
 */

// bench/ is plain JavaScript (ESM), outside the TypeScript sources.
type Lib = Record<string, any>;
const bench = (path: string): Promise<Lib> => import(`../../../../bench/lib/${path}`);

let server: { origin: string; stop: () => Promise<void>; refused: () => Promise<number> };
let target: Record<string, unknown>;
const token = 'smoke-token';

beforeAll(async () => {
  const { startServer } = await bench('processes.js');
  server = await startServer({ token });
  target = { origin: server.origin, sourceId: 'smoke-source', token, connections: 4 };
});
afterAll(async () => {
  await server?.stop();
});

const finitePositive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

it('every variant, the large message, the long run, the outbox and the source endpoint go through; the report is well formed', async () => {
  const { runThroughputTask, runLargeTask, runSoakTask } = await bench('tasks.js');
  const { benchConfig, summarise, formatReport } = await bench('report.js');
  const { VARIANTS } = await bench('variants.js');
  const { MIX_NAMES } = await bench('messages.js');
  const config = benchConfig({ BENCH_QUICK: '1', BENCH_SENDS: '12', BENCH_WARMUP: '4', BENCH_CONCURRENCY: '4', BENCH_ROUNDS: '1' });
  expect(config).toMatchObject({ quick: true, sends: 12, warmup: 4, concurrency: 4, rounds: 1, variants: VARIANTS, mixes: MIX_NAMES });

  const raw: Lib = { throughput: [], large: [], soak: undefined, endpoint: [] };
  for (const variant of config.variants) {
    const result = await runThroughputTask({ variant, mixes: config.mixes, sends: config.sends, warmup: config.warmup, concurrency: config.concurrency, target });
    raw.throughput.push({ round: 0, ...result });
  }
  for (const variant of ['floor', 'engage-send']) raw.large.push(await runLargeTask({ variant, bytes: 100_000, target }));
  raw.soak = await runSoakTask({ sends: 120, maxSeconds: 30, concurrency: 4, target, samples: 2 });
  const { runOutboxTask } = await bench('outbox.js');
  const { startRedisServer } = await bench('redis-server.js');
  const redis = await startRedisServer();
  try {
    raw.outbox = await runOutboxTask({ sends: 12, warmup: 4, concurrency: 4, target, redisUrl: redis.url });
  } finally {
    await redis.stop();
  }
  expect(raw.outbox).toMatchObject({ kind: 'outbox', sends: 12, direct: { sends: 12, errors: 0 }, enqueue: { sends: 12, errors: 0 }, endToEnd: { sends: 12, enqueueErrors: 0 } });
  // The source endpoint's app, in this process (a fork would need the built package).
  const { runEndpointTask } = await bench('endpoint-task.js');
  raw.endpoint = (await runEndpointTask({ requests: 12, warmup: 4, concurrency: 4, rounds: 1, token, inProcess: true })).runs;

  for (const run of raw.throughput) {
    for (const mix of config.mixes) {
      const load = run.mixes[mix];
      expect(load).toMatchObject({ sends: 12, errors: 0 });
      for (const metric of ['cpuUsPerSend', 'sendsPerSec', 'p50Ms', 'p99Ms', 'wallMs']) expect(finitePositive(load[metric])).toBe(true);
      expect(load.p99Ms).toBeGreaterThanOrEqual(load.p50Ms);
    }
  }
  // engage-send reports which path its sends took; the user interceptor of engage-send/axios forces axios.
  const axiosPath = raw.throughput.find((r: Lib) => r.variant === 'engage-send/axios');
  expect(axiosPath.info.transport?.direct ?? 0).toBe(0);
  for (const large of raw.large) {
    expect(large.bodyBytes).toBeGreaterThan(90_000);
    expect(finitePositive(large.totalMs)).toBe(true);
    expect(typeof large.peakExtraBytes).toBe('number');
  }
  expect(raw.soak).toMatchObject({ kind: 'soak', sends: 120, errors: 0 });
  expect(raw.soak.points.length).toBeGreaterThanOrEqual(2);

  const summary = summarise(raw, config);
  for (const mix of config.mixes) {
    expect(Object.keys(summary.throughput[mix])).toEqual(VARIANTS);
    for (const variant of VARIANTS.filter((v: string) => v !== 'baseline')) {
      expect(finitePositive(summary.ratios[mix][variant].cpu)).toBe(true);
      expect(finitePositive(summary.ratios[mix][variant].throughput)).toBe(true);
    }
    expect(typeof summary.ratios[mix].tracingOverhead).toBe('number');
  }
  expect(finitePositive(summary.large.timeRatio)).toBe(true);
  expect(summary.soak.sends).toBe(120);
  for (const metric of ['directPerSec', 'enqueuePerSec', 'endToEndPerSec', 'enqueueRatio', 'endToEndRatio']) expect(finitePositive(summary.outbox[metric])).toBe(true);
  for (const call of ['implementation.info', 'agent reply']) {
    const row = summary.endpoint[call];
    expect(row.endpoint.errors + row.bare.errors).toBe(0);
    expect(finitePositive(row.cpuRatio)).toBe(true);
    expect(finitePositive(row.endpoint.serverCpuUsPerCall)).toBe(true);
  }
  expect(summary.targets.map((t: Lib) => t.id)).toEqual(['1a', '1b', '1c', '1d', '1e', '1f', '2', '3a', '3b', '4', '5a', '5b']);
  for (const t of summary.targets) expect([true, false]).toContain(t.met);

  const text = formatReport(summary, config, { node: process.version, cpus: 1 });
  for (const heading of ['mix: small', 'mix: 2kb', 'mix: structured', 'large message', 'long run', 'outbox (Redis', 'source endpoint', 'targets:']) expect(text).toContain(heading);
  // Every body the variants sent was signed correctly.
  expect(await server.refused()).toBe(0);
}, 120_000);

it('profiles summarise into components and functions', async () => {
  const { summariseCpuProfile, componentOf } = await bench('profile.js');
  const profile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
      { id: 2, callFrame: { functionName: 'validateSync', url: 'file:///x/node_modules/class-validator/cjs/index.js', lineNumber: 9 } },
      { id: 3, callFrame: { functionName: 'post', url: 'file:///x/libs/engage-send/dist/http/engage-transport.js', lineNumber: 99 } },
      { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
    ],
    samples: [2, 2, 3, 4],
    timeDeltas: [100, 100, 200, 600],
  };
  const summary = summariseCpuProfile(profile);
  expect(summary.busyMs).toBeCloseTo(0.4);
  expect(summary.components).toEqual([
    { name: 'class-validator', ms: 0.2, share: 0.5 },
    { name: 'engage-send http/', ms: 0.2, share: 0.5 },
  ]);
  expect(componentOf('node:internal/crypto/hash', 'Hmac')).toBe('node:crypto');
});
