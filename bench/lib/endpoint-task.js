/**
 * The source endpoint's cost: server CPU per call of `POST /engage` against a
 * bare Nest route answering the same JSON, in the same app, measured side by
 * side (rotated order, fresh measurements per round). Two calls:
 * `implementation.info` and an agent's reply (`messages.create`).
 */
import { createHmac } from 'node:crypto';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { median, runLoad } from './load.js';

const SERVER = fileURLToPath(new URL('../endpoint-server.js', import.meta.url));
/** The two calls measured. */
export const ENDPOINT_CALLS = ['implementation.info', 'agent reply'];
export const ENDPOINT_ROUTES = ['endpoint', 'bare'];
const POOL_SIZE = 64;

function bodies(call, token) {
  const time = '2024-05-01T10:00:00Z';
  return Array.from({ length: call === 'implementation.info' ? 1 : POOL_SIZE }, (_, i) => {
    const body =
      call === 'implementation.info'
        ? JSON.stringify({ action: 'implementation.info', time })
        : JSON.stringify({
            action: 'messages.create',
            params: {
              body: `Have you tried rebooting the router? (${i})`,
              content_id: `engage-content-${i}`,
              in_reply_to_id: `customer-msg-${i}`,
              thread_id: `thread-${i % 8}`,
              author_id: 'agent-1',
              sender_name: 'Agent Smith',
              format: 'text',
              retry: false,
              created_at: time,
              updated_at: time,
            },
            time,
          });
    return { body, signature: createHmac('sha512', token).update(body).digest('hex') };
  });
}

/** The app in a child process, or (for the smoke test) in this one. */
async function startServer(token, inProcess) {
  if (inProcess) {
    const { startEndpointApp } = await import('./endpoint-app.js');
    const app = await startEndpointApp({ token });
    return { origin: app.origin, cpu: async () => process.cpuUsage(), stop: () => app.close() };
  }
  const child = fork(SERVER, [], { env: { ...process.env, BENCH_TOKEN: token }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const origin = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`endpoint server exited with ${code} before listening`)));
    child.once('message', (message) => resolve(message.origin));
  });
  const cpu = () =>
    new Promise((resolve) => {
      child.once('message', (message) => resolve(message.cpu));
      child.send('cpu');
    });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { origin, cpu, stop };
}

/**
 * `requests` measured calls per call × route × round, after `warmup`, at
 * `concurrency` in flight; the server's CPU per call is what is compared.
 */
export async function runEndpointTask({ requests, warmup, concurrency, rounds, token, inProcess = false }) {
  const server = await startServer(token, inProcess);
  const pool = new Pool(server.origin, { connections: concurrency });
  const runs = [];
  try {
    const scenarios = ENDPOINT_CALLS.flatMap((call) => ENDPOINT_ROUTES.map((route) => ({ call, route, bodies: bodies(call, token) })));
    for (let round = 0; round < rounds; round++) {
      const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]);
      for (const { call, route, bodies: list } of order) {
        const path = route === 'endpoint' ? '/engage' : '/bare';
        const send = async ({ body, signature }) => {
          const answer = await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json', 'x-smccsdk-signature': signature }, body });
          const text = await answer.body.text();
          if (answer.statusCode !== 200) throw new Error(`${route} ${call}: ${answer.statusCode} ${text.slice(0, 100)}`);
        };
        if (warmup > 0) await runLoad(send, list, { sends: warmup, concurrency });
        const before = await server.cpu();
        const load = await runLoad(send, list, { sends: requests, concurrency });
        const after = await server.cpu();
        const serverCpuUs = after.user - before.user + (after.system - before.system);
        runs.push({ round, call, route, ...load, serverCpuUsPerCall: serverCpuUs / requests });
      }
    }
  } finally {
    await pool.close();
    await server.stop();
  }
  return { kind: 'endpoint', runs };
}

/** Per call: each route's medians, and endpoint ÷ bare ratios taken within a round, then the median. */
export function summariseEndpoint(runs) {
  const summary = {};
  for (const call of ENDPOINT_CALLS) {
    const of = (route) => runs.filter((run) => run.call === call && run.route === route);
    const stats = (list) => ({
      serverCpuUsPerCall: median(list.map((r) => r.serverCpuUsPerCall)),
      callsPerSec: median(list.map((r) => r.sendsPerSec)),
      p50Ms: median(list.map((r) => r.p50Ms)),
      p99Ms: median(list.map((r) => r.p99Ms)),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
    });
    const endpoint = of('endpoint');
    const bare = of('bare');
    if (endpoint.length === 0 || bare.length === 0) continue;
    const paired = (metric) =>
      median(endpoint.map((run) => run[metric] / (bare.find((b) => b.round === run.round)?.[metric] ?? Number.NaN)));
    summary[call] = { endpoint: stats(endpoint), bare: stats(bare), cpuRatio: paired('serverCpuUsPerCall'), throughputRatio: paired('sendsPerSec') };
  }
  return summary;
}
