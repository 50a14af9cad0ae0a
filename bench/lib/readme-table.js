/**
 * The README's performance section, written from a benchmark run's results
 * (never typed by hand): by `npm run bench` after a full run, or by
 * `node bench/readme-table.js [results.json]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { summarise } from './report.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const START_MARKER = '<!-- bench:start (written by `node bench/readme-table.js` from bench/readme-results.json: do not edit by hand) -->';
export const END_MARKER = '<!-- bench:end -->';

const MIXES = [
  ['small', 'small'],
  ['2kb', '2 KB'],
  ['structured', 'structured'],
];

const LABELS = {
  'engage-send': 'engage-send (validation, signing, no SDK registered)',
  'engage-send+otel': 'engage-send, real tracer and meter SDKs',
  'engage-send/axios': 'engage-send through axios (a user interceptor registered)',
  axios: '`axios.post` with a keep-alive agent (reference)',
  'diag:no-validation': '*diagnostic*: engage-send with its validator stubbed out',
};

const label = (variant) => {
  const at = variant.indexOf('@');
  if (at === -1) return LABELS[variant] ?? variant;
  return `${variant.slice(0, at)} at \`${variant.slice(at + 1)}\` (same run)`;
};

const fixed = (value, digits = 2) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—');
const thousands = (value) => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value).toLocaleString('en-US').replace(/,/g, ' ') : '—');

/**
 * The performance section's generated part, as Markdown (without the
 * markers), from a run's results: the figures are summarised again from its
 * raw per-process results, by the same code `npm run bench` reports with.
 */
export function performanceMarkdown(results) {
  const { meta, config } = results;
  const { throughput = {}, ratios = {}, large, soak, outbox, endpoint, targets = [] } = summarise(results.raw, config);
  const lines = [];
  const floorSmall = throughput.small?.baseline;
  lines.push(
    `One \`npm run bench\` run${config.quick ? ' (`BENCH_QUICK`)' : ''}: Node ${meta.node}, ${meta.cpus} × ${meta.cpuModel ?? 'CPU'}, ${meta.date.slice(0, 10)}; ` +
      `${config.rounds} round(s) × ${thousands(config.sends)} measured sends per mix after ${thousands(config.warmup)} of warm-up, ${config.concurrency} in flight. ` +
      `The floor did ${fixed(floorSmall?.cpuUsPerSend, 1)} µs of client CPU per small send, ${thousands(floorSmall?.sendsPerSec)} sends/s.`,
  );
  const variants = config.variants.filter((v) => v !== 'baseline' && MIXES.some(([mix]) => ratios[mix]?.[v] !== undefined));
  for (const [metric, heading] of [
    ['cpu', 'client CPU per send ÷ floor'],
    ['throughput', 'sends/s ÷ floor'],
  ]) {
    lines.push('', `| ${heading} | ${MIXES.map(([, name]) => name).join(' | ')} |`, `|---|${MIXES.map(() => '---').join('|')}|`);
    for (const variant of variants) {
      const cells = MIXES.map(([mix]) => fixed(ratios[mix]?.[variant]?.[metric]));
      lines.push(`| ${label(variant)} | ${variant === 'engage-send' ? cells.map((c) => `**${c}**`).join(' | ') : cells.join(' | ')} |`);
    }
  }
  const tracing = MIXES.map(([mix]) => ratios[mix]?.tracingOverhead);
  if (tracing.some((t) => t !== undefined)) {
    lines.push('', `Real tracer and meter SDKs over no SDK, extra CPU per send: ${MIXES.map(([, name], i) => `${name} ${fixed(tracing[i] * 100, 1)} %`).join(', ')}.`);
  }
  if (large) {
    const mb = (bytes) => fixed(bytes / 1e6, 1);
    lines.push(
      '',
      `A ${mb(large.bodyBytes)} MB message: engage-send ${fixed(large['engage-send']?.totalMs, 0)} ms, peak extra RSS ${mb(large['engage-send']?.peakExtraBytes)} MB ` +
        `(${fixed(large.peakExtraPerBody)} × the body); the floor ${fixed(large.floor?.totalMs, 0)} ms, ${mb(large.floor?.peakExtraBytes)} MB (${fixed(large.floorPeakExtraPerBody)} ×).`,
    );
  }
  if (soak) {
    lines.push(
      '',
      `Long run: ${thousands(soak.sends)} sends in ${fixed(soak.durationS, 0)} s, ${soak.errors} errors; after warm-up RSS ${fixed(soak.start.rssMiB, 1)} → ${fixed(soak.end.rssMiB, 1)} MiB ` +
        `(${fixed(soak.rssGrowth * 100, 1)} %), heap ${fixed(soak.start.heapUsedMiB, 1)} → ${fixed(soak.end.heapUsedMiB, 1)} MiB (${fixed(soak.heapGrowth * 100, 1)} %).`,
    );
  }
  if (outbox) {
    lines.push(
      '',
      `Outbox (Redis + BullMQ, one process, ${thousands(outbox.sends)} small messages): direct ${thousands(outbox.directPerSec)} sends/s; enqueue ${thousands(outbox.enqueuePerSec)} jobs/s ` +
        `(${fixed(outbox.enqueueRatio)} × direct, p99 ${fixed(outbox.enqueueP99Ms, 1)} ms); end to end ${thousands(outbox.endToEndPerSec)} sends/s (${fixed(outbox.endToEndRatio)} × direct).`,
    );
  }
  if (endpoint && Object.keys(endpoint).length > 0) {
    lines.push('', '| source endpoint, server CPU per call | endpoint | bare Nest route | ratio |', '|---|---|---|---|');
    for (const [call, row] of Object.entries(endpoint)) {
      lines.push(`| ${call} | ${fixed(row.endpoint.serverCpuUsPerCall, 1)} µs | ${fixed(row.bare.serverCpuUsPerCall, 1)} µs | ${fixed(row.cpuRatio)} |`);
    }
  }
  if (targets.length > 0) {
    lines.push('', '| target | figure | limit | |', '|---|---|---|---|');
    for (const t of targets) {
      const verdict = t.met === null ? 'not measured' : t.met ? 'met' : '**not met**';
      lines.push(`| ${t.id} ${t.description} | ${fixed(t.value, 3)} | ${t.op} ${t.limit} | ${verdict} |`);
    }
  }
  return lines.join('\n');
}

/** `readme` with its generated part replaced (the markers must be there once each). */
export function withPerformanceSection(readme, results) {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start || readme.indexOf(START_MARKER, start + 1) !== -1) {
    throw new Error(`the README needs one "${START_MARKER}" line and one "${END_MARKER}" line after it`);
  }
  return `${readme.slice(0, start + START_MARKER.length)}\n${performanceMarkdown(results)}\n${readme.slice(end)}`;
}

/**
 * Rewrites the README's figures from `results`, and keeps what they are made
 * of in bench/readme-results.json (committed, raw results included: a test
 * checks the README against it).
 */
export function writeReadmeFigures(results) {
  const readmePath = join(root, 'README.md');
  writeFileSync(readmePath, withPerformanceSection(readFileSync(readmePath, 'utf8'), results));
  writeFileSync(join(root, 'bench', 'readme-results.json'), `${JSON.stringify(results, null, 2)}\n`);
}
