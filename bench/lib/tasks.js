/**
 * What one client process does. `bench/client.js` runs one task per process
 * (fresh heap, no state shared between variants, OpenTelemetry's global
 * registration confined to its own variant); the smoke test calls these
 * in-process with tiny counts.
 */
import { createSecretKey } from 'node:crypto';
import { Pool } from 'undici';
import { median, runLoad } from './load.js';
import { largeParams, paramsPool } from './messages.js';
import { runOutboxTask } from './outbox.js';
import { createVariant } from './variants.js';

const gc = () => globalThis.gc?.();
const mib = (bytes) => bytes / (1024 * 1024);

/**
 * Throughput of one variant over each mix: `warmup` sends, then `sends`
 * measured ones, at `concurrency` in flight.
 */
export async function runThroughputTask({ variant, mixes, sends, warmup, concurrency, target, profile = false }) {
  const client = await createVariant(variant, target);
  const results = {};
  const profiles = {};
  try {
    for (const mix of mixes) {
      const params = paramsPool(mix);
      if (warmup > 0) await runLoad(client.send, params, { sends: warmup, concurrency });
      gc();
      const profiler = profile ? await startProfiler() : undefined;
      results[mix] = await runLoad(client.send, params, { sends, concurrency });
      if (profiler) profiles[mix] = await profiler.stop();
    }
  } finally {
    await client.close();
  }
  return { kind: 'throughput', variant, mixes: results, info: client.info(), ...(profile ? { profiles } : {}) };
}

/** A V8 CPU profile of what runs until `stop()` (the measured sends only, not start-up or warm-up). */
async function startProfiler() {
  const { Session } = await import('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/**
 * One large message (`bytes` of body), after a few small warm-up sends:
 * total client time, and peak RSS over the RSS just before (after a GC, with
 * the params object already built).
 *
 * `floor`: `JSON.stringify` + HMAC (engage-send's `signBody`) + a raw undici send.
 * `engage-send`: `EngageSendService.messages.create`.
 */
export async function runLargeTask({ variant, bytes, target }) {
  const params = largeParams(bytes);
  let send;
  let close;
  if (variant === 'floor') {
    const { signBody } = await import('engage-send');
    const key = createSecretKey(Buffer.from(target.token, 'utf8'));
    const pool = new Pool(target.origin, { connections: 1 });
    const path = `/realtime/sdk/${encodeURIComponent(target.sourceId)}`;
    send = async (p) => {
      const body = JSON.stringify({ action: 'messages.create', params: p });
      const { statusCode, body: answer } = await pool.request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-smccsdk-signature': signBody(body, key) },
        body,
      });
      const text = await answer.text();
      if (statusCode !== 200 || text !== 'ok') throw new Error(`floor: ${statusCode} ${text}`);
    };
    close = () => pool.close();
  } else if (variant === 'engage-send') {
    const client = await createVariant('engage-send', { ...target, connections: 1 });
    send = client.send;
    close = client.close;
  } else {
    throw new Error(`unknown large-message variant ${variant}`);
  }
  try {
    const warm = paramsPool('small');
    for (let i = 0; i < 20; i++) await send(warm[i % warm.length]);
    gc();
    const rssBefore = process.memoryUsage.rss();
    const maxRssBefore = process.resourceUsage().maxRSS * 1024;
    const started = performance.now();
    await send(params);
    const totalMs = performance.now() - started;
    const maxRssAfter = process.resourceUsage().maxRSS * 1024;
    // Measured after the send, so that its own serialisation does not set the peak.
    const bodyBytes = Buffer.byteLength(JSON.stringify({ action: 'messages.create', params }), 'utf8');
    return {
      kind: 'large',
      variant,
      bodyBytes,
      totalMs,
      rssBeforeBytes: rssBefore,
      peakRssBytes: maxRssAfter,
      // Peak RSS during the send over RSS just before it. When the process had
      // peaked higher earlier (building the params), this is an upper bound.
      peakExtraBytes: maxRssAfter - rssBefore,
      upperBound: maxRssBefore >= maxRssAfter,
    };
  } finally {
    await close();
  }
}

/**
 * A long run of `engage-send` (no-op tracer) over all mixes: RSS and heap
 * (after a GC) sampled `samples` times; the first sample, after 10 % of the
 * sends, is the post-warm-up start. Stops early at `maxSeconds`.
 */
export async function runSoakTask({ sends, maxSeconds, concurrency, target, samples = 10 }) {
  const client = await createVariant('engage-send', target);
  const pools = ['small', '2kb', 'structured'].map(paramsPool);
  const params = pools[0].map((_, i) => pools[i % 3][i]);
  const points = [];
  const sample = (done, elapsedS) => {
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    points.push({ sends: done, elapsedS, rssMiB: mib(rss), heapUsedMiB: mib(heapUsed) });
  };
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  let done = 0;
  let errors = 0;
  const cpus = [];
  try {
    const warm = Math.max(1, Math.floor(sends / 10));
    const load = await runLoad(client.send, params, { sends: warm, concurrency });
    done += warm;
    errors += load.errors;
    sample(done, elapsed());
    const chunk = Math.max(1, Math.floor((sends - warm) / samples));
    while (done < sends && elapsed() < maxSeconds) {
      const n = Math.min(chunk, sends - done);
      const result = await runLoad(client.send, params, { sends: n, concurrency });
      cpus.push(result.cpuUsPerSend);
      errors += result.errors;
      done += n;
      sample(done, elapsed());
    }
  } finally {
    await client.close();
  }
  const start = points[0];
  const end = points.at(-1);
  return {
    kind: 'soak',
    sends: done,
    errors,
    durationS: elapsed(),
    cpuUsPerSendMedian: median(cpus),
    start,
    end,
    rssGrowth: (end.rssMiB - start.rssMiB) / start.rssMiB,
    heapGrowth: (end.heapUsedMiB - start.heapUsedMiB) / start.heapUsedMiB,
    points,
  };
}

/** Runs the task a client process was given. */
export function runTask(task) {
  switch (task.kind) {
    case 'throughput':
      return runThroughputTask(task);
    case 'large':
      return runLargeTask(task);
    case 'soak':
      return runSoakTask(task);
    case 'outbox':
      return runOutboxTask(task);
    default:
      throw new Error(`unknown task ${task.kind}`);
  }
}
