#!/usr/bin/env node
/**
 * `npm run bench`: engage-send side by side with raw undici (the baseline) and
 * a naive axios client, against one local signing server in its own process.
 *
 *   npm run bench                 # full run, a few minutes
 *   BENCH_QUICK=1 npm run bench   # quick run
 *   BENCH_QUICK=1 BENCH_SKIP=throughput,large,soak,outbox npm run bench   # only the source endpoint's row
 *   BENCH_PROFILE=1 npm run bench # also CPU profiles of engage-send's measured sends (bench/results/profile/);
 *                                 # BENCH_PROFILE=engage-send,engage-send+otel for several variants
 *
 * Settings (environment): BENCH_ROUNDS, BENCH_SENDS, BENCH_WARMUP,
 * BENCH_CONCURRENCY, BENCH_VARIANTS, BENCH_MIXES, BENCH_LARGE_BYTES,
 * BENCH_LARGE_REPS, BENCH_SOAK_SENDS, BENCH_SOAK_SECONDS, BENCH_OUTBOX_SENDS,
 * BENCH_SKIP (throughput,large,soak,outbox,endpoint), BENCH_OUT (the JSON file; default
 * bench/results/latest.json). The outbox task starts its own redis-server.
 *
 * Every measurement runs in a fresh client process (bench/client.js): the
 * variants share no heap, JIT state or OpenTelemetry registration. Rounds run
 * the variants back to back, in a rotated order, and ratios are taken within
 * a round, then the median over rounds.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibraryAt } from './lib/compare-build.js';
import { runClient, startServer } from './lib/processes.js';
import { formatProfile, summariseCpuProfile } from './lib/profile.js';
import { startRedisServer } from './lib/redis-server.js';
import { writeReadmeFigures } from './lib/readme-table.js';
import { benchConfig, formatReport, summarise } from './lib/report.js';

const here = dirname(fileURLToPath(import.meta.url));
const config = benchConfig();
const out = process.env.BENCH_OUT || join(here, 'results', 'latest.json');
const token = 'bench-token-0f3c9a';
const sourceId = 'bench-source';
const log = (line) => process.stderr.write(`${line}\n`);

const compare = process.env.BENCH_COMPARE ? buildLibraryAt(process.env.BENCH_COMPARE) : undefined;
if (compare) config.variants.push(`engage-send@${compare.label}`, `engage-send/axios@${compare.label}`);
const server = await startServer({ token });
const target = { origin: server.origin, sourceId, token, connections: config.concurrency, libraries: compare ? { [compare.label]: compare.entry } : {} };
const raw = { throughput: [], large: [], soak: undefined, outbox: undefined, endpoint: [] };
const started = performance.now();
let profile;
try {
  if (!config.skip.includes('throughput')) {
    for (let round = 0; round < config.rounds; round++) {
      // Rotate the order so that no variant always runs first (or right after the same one).
      const order = config.variants.map((_, i) => config.variants[(i + round) % config.variants.length]);
      for (const variant of order) {
        log(`round ${round + 1}/${config.rounds}: ${variant}`);
        const result = await runClient({ kind: 'throughput', variant, mixes: config.mixes, sends: config.sends, warmup: config.warmup, concurrency: config.concurrency, target });
        raw.throughput.push({ round, ...result });
      }
    }
  }
  if (!config.skip.includes('large')) {
    for (let rep = 0; rep < config.largeRepetitions; rep++) {
      for (const variant of rep % 2 === 0 ? ['floor', 'engage-send'] : ['engage-send', 'floor']) {
        log(`large message ${rep + 1}/${config.largeRepetitions}: ${variant}`);
        raw.large.push(await runClient({ kind: 'large', variant, bytes: config.largeBytes, target }));
      }
    }
  }
  if (!config.skip.includes('soak')) {
    log(`long run: up to ${config.soakSends} sends or ${config.soakSeconds} s`);
    raw.soak = await runClient({ kind: 'soak', sends: config.soakSends, maxSeconds: config.soakSeconds, concurrency: config.concurrency, target });
  }
  if (!config.skip.includes('outbox')) {
    log(`outbox: ${config.outboxSends} sends direct, enqueued, and end to end through a private redis-server`);
    const redis = await startRedisServer();
    try {
      raw.outbox = await runClient({ kind: 'outbox', sends: config.outboxSends, warmup: config.warmup, concurrency: config.concurrency, target, redisUrl: redis.url });
    } finally {
      await redis.stop();
    }
  }
  if (!config.skip.includes('endpoint')) {
    log(`source endpoint: implementation.info and agent replies, ${config.sends} calls per route and round, against a bare Nest route`);
    const result = await runClient({ kind: 'endpoint', requests: config.sends, warmup: config.warmup, concurrency: config.concurrency, rounds: config.rounds, token });
    raw.endpoint = result.runs;
  }
  if (config.profile.length > 0) {
    const dir = join(here, 'results', 'profile');
    await mkdir(dir, { recursive: true });
    profile = {};
    for (const variant of config.profile) {
      log(`profiling ${variant} (measured sends only)`);
      const result = await runClient({
        kind: 'throughput',
        variant,
        mixes: config.mixes,
        sends: config.sends,
        warmup: config.warmup,
        concurrency: config.concurrency,
        target,
        profile: true,
      });
      for (const [mix, cpuProfile] of Object.entries(result.profiles)) {
        const file = join(dir, `${variant.replace(/[^\w+-]/g, '_')}-${mix}.cpuprofile`);
        await writeFile(file, JSON.stringify(cpuProfile));
        profile[`${variant} ${mix}`] = { file, cpuUsPerSend: result.mixes[mix].cpuUsPerSend, ...summariseCpuProfile(cpuProfile) };
      }
    }
  }
} finally {
  raw.refusedBySignature = await server.refused().catch(() => undefined);
  await server.stop();
  compare?.remove();
}

const summary = summarise(raw, config);
const meta = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  server: 'bench/server.js (HMAC check, answers ok)',
  durationS: (performance.now() - started) / 1000,
  refusedBySignature: raw.refusedBySignature,
};
console.log(formatReport(summary, config, meta));
for (const [name, summary] of Object.entries(profile ?? {})) {
  console.log(`\n${name} (${summary.cpuUsPerSend.toFixed(1)} µs/send while profiled; ${summary.file})\n${formatProfile(summary)}`);
}
await mkdir(dirname(out), { recursive: true });
const results = { meta, config, ...summary, profile, raw };
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
log(`\nwritten ${out} (${meta.durationS.toFixed(0)} s)`);
// Only a full run speaks for the library: a quick or partial one leaves the README as it is.
if (!config.quick && config.skip.length === 0 && process.env.BENCH_OUT === undefined) {
  writeReadmeFigures(results);
  log('README.md performance figures written from this run (bench/readme-results.json)');
} else {
  log(`README.md left as it is (quick or partial run); \`node bench/readme-table.js ${out}\` writes its figures from this one`);
}
