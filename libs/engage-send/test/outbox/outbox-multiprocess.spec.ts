import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { EngageEmulator, randomFaults, seededRandom } from '../../src/testing/index.js';
import { SOURCE } from '../support/emulator.fixture.js';
import { RedisServer } from '../support/redis-server.js';
import { SOAK_FAULTS } from '../soak/delivery-soak.js';
import { openQueue, waitFor } from './outbox-kit.js';

/*
 * Three worker processes and one producer process over one Redis, SENDS
 * messages through the emulator with 20 % injected faults (the soak's mix:
 * 5xx, 429, resets before and after Engage stored the content, answers
 * slower than the client's timeout). One worker is killed with SIGKILL while
 * it holds jobs, and restarted. Reconciled from the emulator's log (one line
 * per stored content, with its id): every message stored at least once,
 * none lost; duplicates are counted and reported, not forbidden (at-least-once).
 */

const SENDS = Number(process.env.OUTBOX_SENDS ?? 10_000);
const BOUND_MS = Math.max(120_000, SENDS * 25);
/** A killed worker's jobs are recovered once their lock expires and a stalled check runs. */
const LOCK_MS = 3_000;
const TIMEOUT_MS = 1_000;

const LOADER = fileURLToPath(new URL('../support/ts-loader/register.mjs', import.meta.url));
const REPLICA = fileURLToPath(new URL('./processes/outbox-replica.ts', import.meta.url));

/** A replica process and what it printed. */
interface ReplicaProcess {
  readonly child: ChildProcess;
  readonly reports: Record<string, unknown>[];
  stderr: string;
}

let redis: RedisServer;
let emulator: EngageEmulator;
let queue: Queue;
const processes: ReplicaProcess[] = [];
/** Times each content id was stored by the emulator, from its log. */
const stored = new Map<string, number>();
/** Requests refused by the emulator's rules (not injected faults): there must be none. */
const refusals: string[] = [];
/** Send API requests, and those given a fault, by kind. */
const traffic = { requests: 0, faults: 0, lostAnswers: 0, slowAnswers: 0 };

function spawnReplica(role: 'worker' | 'producer'): ReplicaProcess {
  const child = spawn(process.execPath, ['--import', LOADER, REPLICA, role], {
    env: {
      PATH: process.env.PATH,
      OUTBOX_REDIS_URL: redis.url,
      OUTBOX_ENGAGE_URL: emulator.baseUrl,
      OUTBOX_SOURCE_ID: SOURCE.id,
      OUTBOX_ACCESS_TOKEN: SOURCE.accessToken,
      OUTBOX_TIMEOUT_MS: String(TIMEOUT_MS),
      OUTBOX_LOCK_MS: String(LOCK_MS),
      OUTBOX_CONCURRENCY: '16',
      OUTBOX_SENDS: String(SENDS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const replica: ReplicaProcess = { child, reports: [], stderr: '' };
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) replica.reports.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    // Keep the tail only: failed attempts are logged as warnings by design.
    replica.stderr = (replica.stderr + chunk).slice(-4_000);
  });
  processes.push(replica);
  return replica;
}

function report(replica: ReplicaProcess, key: string): Promise<Record<string, unknown>> {
  return waitFor(
    `"${key}" from ${replica.child.pid ?? '?'}`,
    () => {
      if (replica.child.exitCode !== null && replica.child.exitCode !== 0) throw new Error(`replica exited with ${replica.child.exitCode}:\n${replica.stderr}`);
      return replica.reports.find((r) => key in r);
    },
    60_000,
  );
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

beforeAll(async () => {
  redis = await RedisServer.start();
  emulator = new EngageEmulator({
    sources: [SOURCE],
    logger: (line) => {
      if (/^4\d\d /.test(line) && !line.includes('(injected fault)')) refusals.push(line);
      if (!line.startsWith('200 ')) return;
      const id = / id=(\S+)/.exec(line)?.[1];
      if (id !== undefined) stored.set(id, (stored.get(id) ?? 0) + 1);
    },
  });
  await emulator.start();
  const faults = randomFaults(SOAK_FAULTS, seededRandom(13));
  emulator.injectFaults((index) => {
    const fault = faults(index);
    traffic.requests++;
    if (fault) traffic.faults++;
    if (fault?.drop === 'after-read') traffic.lostAnswers++;
    if (fault?.delayMs !== undefined && fault.status === undefined && fault.drop === undefined) traffic.slowAnswers++;
    return fault;
  });
  queue = openQueue(redis.url);
});

afterAll(async () => {
  for (const { child } of processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(processes.map(({ child }) => exited(child)));
  await queue?.close();
  await emulator?.stop();
  await redis?.stop();
});

describe(`outbox across processes: ${SENDS} messages, 3 workers (one SIGKILLed and restarted), 1 producer, 20 % faults`, () => {
  it(
    'every message is stored at least once, none lost; duplicates are counted',
    async () => {
      const started = performance.now();
      const workers = [spawnReplica('worker'), spawnReplica('worker'), spawnReplica('worker')];
      const names = await Promise.all(workers.map(async (worker) => String((await report(worker, 'ready')).worker)));
      const producer = spawnReplica('producer');

      // Kill a worker with SIGKILL once a third is delivered, while it holds jobs.
      await waitFor('a third of the messages delivered', () => (stored.size >= SENDS / 3 ? true : undefined), BOUND_MS);
      const victim = workers[0]!;
      const held = await waitFor('the victim to hold jobs', async () => {
        const active = (await queue.getJobs(['active'])).filter((job) => job.processedBy === names[0]);
        return active.length > 0 ? active.map((job) => String(job.id)) : undefined;
      });
      victim.child.kill('SIGKILL');
      await exited(victim.child);
      const killedAt = performance.now();
      const restarted = spawnReplica('worker');
      await report(restarted, 'ready');

      const enqueued = await report(producer, 'enqueued');
      await waitFor(
        'every message delivered and the queue drained',
        async () => {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
          return stored.size >= SENDS && counts.waiting + counts.active + counts.delayed + counts.prioritized === 0 ? counts : undefined;
        },
        BOUND_MS,
      );
      const elapsedMs = performance.now() - started;
      const failed = await queue.getJobCounts('failed');
      // Answers still on their way after a client timeout may store a last copy: let them land.
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 500));

      let delivered = 0;
      let duplicated = 0;
      let extraCopies = 0;
      const lost: string[] = [];
      for (let i = 0; i < SENDS; i++) {
        const copies = stored.get(`mp-${i}`) ?? 0;
        if (copies > 0) delivered++;
        else lost.push(`mp-${i}`);
        if (copies > 1) {
          duplicated++;
          extraCopies += copies - 1;
        }
      }
      const heldIds = held.map((jobId) => jobId.replace(/^messages\.create-/, ''));
      process.stdout.write(
        [
          `outbox multi-process: ${SENDS} messages, 3 workers × 16 + 1 producer, one worker SIGKILLed holding ${held.length} job(s) at ${(killedAt - started) / 1000 | 0} s and restarted`,
          `  enqueued    ${String(enqueued.enqueued)} in ${String(enqueued.ms)} ms (producer process)`,
          `  requests    ${traffic.requests}, ${traffic.faults} with an injected fault (${((100 * traffic.faults) / traffic.requests).toFixed(1)} %; ${traffic.lostAnswers} answers lost after Engage stored the content, ${traffic.slowAnswers} slower than the client's timeout)`,
          `  delivered   ${delivered} (stored at least once)`,
          `  duplicates  ${duplicated} message(s) stored more than once (${extraCopies} extra copies): Engage stored them but the worker never saw the answer (a lost answer, or the killed worker), so the job was tried again with the same id`,
          `  lost        ${lost.length}`,
          `  failed jobs ${failed.failed}`,
          `  recovered   ${heldIds.filter((id) => (stored.get(id) ?? 0) > 0).length} of ${held.length} job(s) the killed worker held`,
          `  elapsed     ${(elapsedMs / 1000).toFixed(1)} s`,
        ].join('\n') + '\n',
      );

      expect(lost).toEqual([]);
      expect(delivered).toBe(SENDS);
      expect(failed.failed).toBe(0);
      // The killed worker's jobs were taken over by the others (stalled-job recovery).
      for (const id of heldIds) expect(stored.get(id) ?? 0).toBeGreaterThan(0);
      expect(refusals).toEqual([]);
    },
    BOUND_MS + 60_000,
  );
});
