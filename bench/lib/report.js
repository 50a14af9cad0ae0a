/** Turns raw task results into the report: medians, ratios, targets, and the printed table. */
import { median } from './load.js';
import { MIX_NAMES } from './messages.js';
import { VARIANTS } from './variants.js';
import { summariseEndpoint } from './endpoint-task.js';

/** The performance targets (issue 14): ratios within one run. */
export const TARGETS = {
  /** engage-send's client CPU per send ÷ the floor's (`baseline`), per mix, no SDK registered. */
  cpuRatio: 1.2,
  /** engage-send's sends/s ÷ the floor's, per mix. */
  throughputRatio: 0.9,
  /** Extra CPU per small send with real tracer and meter SDKs registered, over the same library without. */
  tracingOverhead: 0.1,
  /** A 20 MB message: total time ÷ the floor's. */
  largeTimeRatio: 1.2,
  /** A 20 MB message: peak extra RSS ÷ the body's size. */
  largeMemoryPerBody: 3,
  /** The long run: memory growth after warm-up (max of RSS and heap). */
  memoryGrowth: 0.05,
  /** The source endpoint's server CPU per call ÷ a bare Nest route answering the same JSON. */
  endpointRatio: 1.3,
};

/** The benchmark's settings, from the environment (`BENCH_QUICK=1` for a quick run). */
export function benchConfig(env = process.env) {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const int = (name, fallback) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
    return n;
  };
  const list = (name, fallback) => (env[name] ? env[name].split(',').map((s) => s.trim()).filter(Boolean) : fallback);
  return {
    quick,
    rounds: int('BENCH_ROUNDS', quick ? 1 : 3),
    sends: int('BENCH_SENDS', quick ? 2_000 : 20_000),
    // Long enough for the library's code to be optimised: after 2 000 sends it still is not, and a
    // run would measure the JIT's work rather than a send's (bench/README.md, "Warm-up").
    warmup: int('BENCH_WARMUP', quick ? 500 : 10_000),
    concurrency: int('BENCH_CONCURRENCY', 32),
    variants: list('BENCH_VARIANTS', VARIANTS),
    mixes: list('BENCH_MIXES', MIX_NAMES),
    largeBytes: int('BENCH_LARGE_BYTES', 20_000_000),
    largeRepetitions: int('BENCH_LARGE_REPS', quick ? 1 : 3),
    soakSends: int('BENCH_SOAK_SENDS', quick ? 20_000 : 1_000_000),
    soakSeconds: int('BENCH_SOAK_SECONDS', quick ? 20 : 90),
    outboxSends: int('BENCH_OUTBOX_SENDS', quick ? 2_000 : 10_000),
    skip: list('BENCH_SKIP', []),
    // BENCH_PROFILE=1: profile engage-send; or a comma-separated list of variants.
    profile: !env.BENCH_PROFILE || env.BENCH_PROFILE === '0' ? [] : env.BENCH_PROFILE === '1' ? ['engage-send'] : list('BENCH_PROFILE', []),
  };
}

const ratio = (a, b) => (b > 0 ? a / b : Number.NaN);

/**
 * @param raw `{ throughput: [{ round, variant, mixes: { [mix]: load } , info }], large: [large results], soak?: soak result }`
 */
export function summarise(raw, config) {
  const throughput = {};
  const ratios = {};
  for (const mix of config.mixes) {
    throughput[mix] = {};
    for (const variant of config.variants) {
      const runs = raw.throughput.filter((r) => r.variant === variant && r.mixes[mix] !== undefined).map((r) => r.mixes[mix]);
      if (runs.length === 0) continue;
      throughput[mix][variant] = {
        cpuUsPerSend: median(runs.map((r) => r.cpuUsPerSend)),
        sendsPerSec: median(runs.map((r) => r.sendsPerSec)),
        p50Ms: median(runs.map((r) => r.p50Ms)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
        errors: runs.reduce((sum, r) => sum + r.errors, 0),
        rounds: runs.length,
      };
    }
    // Ratios per round (variants of a round ran back to back), then the median over rounds.
    const paired = (variant, reference, metric) => {
      const values = [];
      for (const run of raw.throughput.filter((r) => r.variant === variant)) {
        const ref = raw.throughput.find((r) => r.variant === reference && r.round === run.round);
        if (ref?.mixes[mix] && run.mixes[mix]) values.push(ratio(run.mixes[mix][metric], ref.mixes[mix][metric]));
      }
      return values.length > 0 ? median(values) : undefined;
    };
    ratios[mix] = {};
    for (const variant of config.variants) {
      if (variant === 'baseline') continue;
      const cpu = paired(variant, 'baseline', 'cpuUsPerSend');
      if (cpu === undefined) continue;
      ratios[mix][variant] = { cpu, throughput: paired(variant, 'baseline', 'sendsPerSec') };
    }
    const tracing = paired('engage-send+otel', 'engage-send', 'cpuUsPerSend');
    if (tracing !== undefined) ratios[mix].tracingOverhead = tracing - 1;
  }

  let large;
  if (raw.large.length > 0) {
    const of = (variant) => raw.large.filter((r) => r.variant === variant);
    const stats = (runs) =>
      runs.length === 0
        ? undefined
        : {
            totalMs: median(runs.map((r) => r.totalMs)),
            peakExtraBytes: median(runs.map((r) => r.peakExtraBytes)),
            upperBound: runs.some((r) => r.upperBound),
            repetitions: runs.length,
          };
    const floor = stats(of('floor'));
    const engage = stats(of('engage-send'));
    const bodyBytes = raw.large[0].bodyBytes;
    large = {
      bodyBytes,
      floor,
      'engage-send': engage,
      timeRatio: floor && engage ? ratio(engage.totalMs, floor.totalMs) : undefined,
      peakExtraPerBody: engage ? engage.peakExtraBytes / bodyBytes : undefined,
      floorPeakExtraPerBody: floor ? floor.peakExtraBytes / bodyBytes : undefined,
    };
  }

  const soak = raw.soak
    ? {
        sends: raw.soak.sends,
        errors: raw.soak.errors,
        durationS: raw.soak.durationS,
        cpuUsPerSendMedian: raw.soak.cpuUsPerSendMedian,
        start: raw.soak.start,
        end: raw.soak.end,
        rssGrowth: raw.soak.rssGrowth,
        heapGrowth: raw.soak.heapGrowth,
        points: raw.soak.points,
      }
    : undefined;

  const outbox = raw.outbox
    ? {
        sends: raw.outbox.sends,
        concurrency: raw.outbox.concurrency,
        directPerSec: raw.outbox.direct.sendsPerSec,
        enqueuePerSec: raw.outbox.enqueue.sendsPerSec,
        enqueueP99Ms: raw.outbox.enqueue.p99Ms,
        endToEndPerSec: raw.outbox.endToEnd.sendsPerSec,
        enqueueRatio: ratio(raw.outbox.enqueue.sendsPerSec, raw.outbox.direct.sendsPerSec),
        endToEndRatio: ratio(raw.outbox.endToEnd.sendsPerSec, raw.outbox.direct.sendsPerSec),
        errors: raw.outbox.direct.errors + raw.outbox.enqueue.errors + raw.outbox.endToEnd.enqueueErrors,
      }
    : undefined;

  const endpoint = raw.endpoint?.length > 0 ? summariseEndpoint(raw.endpoint) : undefined;

  const targets = [];
  // `op`: how the figure must compare with the limit.
  const target = (id, description, value, op, limit) => {
    const measured = value !== undefined && !Number.isNaN(value);
    const met = op === '≤' ? value <= limit : op === '≥' ? value >= limit : value < limit;
    targets.push({ id, description, value, op, limit, met: measured ? met : null });
  };
  ['small', '2kb', 'structured'].forEach((mix, i) => {
    const r = ratios[mix]?.['engage-send'];
    target(`1${'ace'[i]}`, `${mix}: engage-send client CPU per send ÷ floor`, r?.cpu, '≤', TARGETS.cpuRatio);
    target(`1${'bdf'[i]}`, `${mix}: engage-send sends/s ÷ floor`, r?.throughput, '≥', TARGETS.throughputRatio);
  });
  const tracing = ratios.small?.tracingOverhead;
  target('2', 'small: real tracer and meter SDKs, extra CPU per send over no-op', tracing, '≤', TARGETS.tracingOverhead);
  target('3a', 'large message: engage-send total time ÷ floor', large?.timeRatio, '≤', TARGETS.largeTimeRatio);
  target('3b', 'large message: engage-send peak extra RSS ÷ body size', large?.peakExtraPerBody, '≤', TARGETS.largeMemoryPerBody);
  const growth = soak ? Math.max(soak.rssGrowth, soak.heapGrowth) : undefined;
  target('4', 'long run: memory growth after warm-up (max of RSS, heap)', growth, '<', TARGETS.memoryGrowth);
  const info = endpoint?.['implementation.info']?.cpuRatio;
  target('5a', 'source endpoint: server CPU per implementation.info ÷ bare Nest route', info, '≤', TARGETS.endpointRatio);
  const reply = endpoint?.['agent reply']?.cpuRatio;
  target('5b', 'source endpoint: server CPU per agent reply ÷ bare Nest route', reply, '≤', TARGETS.endpointRatio);

  return { throughput, ratios, large, soak, outbox, endpoint, targets };
}

const fixed = (value, digits) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
const pad = (text, width, left = false) => (left ? String(text).padEnd(width) : String(text).padStart(width));

/** The report as text. */
export function formatReport(summary, config, meta = {}) {
  const lines = [];
  lines.push(
    `engage-send benchmark — ${config.concurrency} in flight, ${config.sends} sends per mix after ${config.warmup} warm-up, ` +
      `median of ${config.rounds} round(s)${config.quick ? ' (BENCH_QUICK)' : ''}`,
  );
  if (meta.node) lines.push(`node ${meta.node}, ${meta.cpus} CPU(s): ${meta.cpuModel ?? ''}; server: ${meta.server ?? 'bench/server.js'} in its own process`);
  for (const mix of Object.keys(summary.throughput)) {
    if (Object.keys(summary.throughput[mix]).length === 0) continue;
    lines.push('');
    lines.push(`mix: ${mix}`);
    lines.push(
      `${pad('variant', 30, true)}${pad('CPU µs/send', 13)}${pad('sends/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('CPU ×base', 11)}${pad('sends/s ×base', 15)}${pad('errors', 8)}`,
    );
    for (const [variant, row] of Object.entries(summary.throughput[mix])) {
      const r = summary.ratios[mix][variant];
      lines.push(
        `${pad(variant, 30, true)}${pad(fixed(row.cpuUsPerSend, 1), 13)}${pad(fixed(row.sendsPerSec, 0), 10)}${pad(fixed(row.p50Ms, 2), 9)}${pad(fixed(row.p99Ms, 2), 9)}` +
          `${pad(variant === 'baseline' ? '1.00' : fixed(r?.cpu, 2), 11)}${pad(variant === 'baseline' ? '1.00' : fixed(r?.throughput, 2), 15)}${pad(row.errors, 8)}`,
      );
    }
    if (summary.ratios[mix].tracingOverhead !== undefined) {
      lines.push(`  real tracer and meter providers over no-op: ${fixed(summary.ratios[mix].tracingOverhead * 100, 1)} % CPU per send`);
    }
    if (summary.throughput[mix]['diag:no-validation']) {
      lines.push('  diag:no-validation = engage-send with its validator swapped for a pass-through (diagnostic only)');
    }
  }
  const { large, soak, outbox, endpoint } = summary;
  if (large) {
    const mb = (bytes) => fixed(bytes / 1e6, 1);
    lines.push('');
    lines.push(`large message: ${mb(large.bodyBytes)} MB body (median of ${large.floor?.repetitions ?? large['engage-send']?.repetitions} fresh process(es) each)`);
    for (const name of ['floor', 'engage-send']) {
      const row = large[name];
      if (!row) continue;
      lines.push(
        `${pad(name, 20, true)} total ${pad(fixed(row.totalMs, 1), 8)} ms   peak extra RSS ${pad(mb(row.peakExtraBytes), 6)} MB (${fixed(row.peakExtraBytes / large.bodyBytes, 2)} × body)${row.upperBound ? ' (upper bound)' : ''}`,
      );
    }
    lines.push(`  engage-send time ÷ floor: ${fixed(large.timeRatio, 2)}`);
  }
  if (soak) {
    lines.push('');
    lines.push(
      `long run: ${soak.sends} sends in ${fixed(soak.durationS, 0)} s (${soak.errors} errors), CPU ${fixed(soak.cpuUsPerSendMedian, 1)} µs/send; ` +
        `after warm-up RSS ${fixed(soak.start.rssMiB, 1)} → ${fixed(soak.end.rssMiB, 1)} MiB (${fixed(soak.rssGrowth * 100, 1)} %), ` +
        `heap ${fixed(soak.start.heapUsedMiB, 1)} → ${fixed(soak.end.heapUsedMiB, 1)} MiB (${fixed(soak.heapGrowth * 100, 1)} %)`,
    );
  }
  if (outbox) {
    lines.push('');
    lines.push(`outbox (Redis + BullMQ, one process, ${outbox.concurrency} in flight / worker concurrency, ${outbox.sends} small messages, ${outbox.errors} errors):`);
    lines.push(`  direct sends            ${pad(fixed(outbox.directPerSec, 0), 7)} sends/s`);
    lines.push(`  enqueue (no worker)     ${pad(fixed(outbox.enqueuePerSec, 0), 7)} jobs/s    ${fixed(outbox.enqueueRatio, 2)} × direct, p99 ${fixed(outbox.enqueueP99Ms, 2)} ms`);
    lines.push(`  end to end (delivered)  ${pad(fixed(outbox.endToEndPerSec, 0), 7)} sends/s   ${fixed(outbox.endToEndRatio, 2)} × direct`);
  }
  if (endpoint && Object.keys(endpoint).length > 0) {
    lines.push('');
    lines.push('source endpoint (POST /engage: verify, validate, handler, check, sign) vs a bare Nest route answering the same JSON, same app, server CPU');
    lines.push(`${pad('call', 22, true)}${pad('route', 10, true)}${pad('server CPU µs/call', 20)}${pad('calls/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('errors', 8)}`);
    for (const [call, row] of Object.entries(endpoint)) {
      for (const route of ['bare', 'endpoint']) {
        const r = row[route];
        lines.push(`${pad(call, 22, true)}${pad(route, 10, true)}${pad(fixed(r.serverCpuUsPerCall, 1), 20)}${pad(fixed(r.callsPerSec, 0), 10)}${pad(fixed(r.p50Ms, 2), 9)}${pad(fixed(r.p99Ms, 2), 9)}${pad(r.errors, 8)}`);
      }
      lines.push(`  ${call}: endpoint ÷ bare = ${fixed(row.cpuRatio, 2)} × server CPU, ${fixed(row.throughputRatio, 2)} × calls/s`);
    }
  }
  lines.push('');
  lines.push('targets:');
  for (const t of summary.targets) {
    const verdict = t.met === null ? 'not measured' : t.met ? 'met' : 'NOT met';
    lines.push(`  ${pad(t.id, 3, true)} ${pad(t.description, 62, true)} ${pad(fixed(t.value, 3), 7)}  (${t.op} ${t.limit})  ${verdict}`);
  }
  return lines.join('\n');
}
