/**
 * The outbox benchmark, in one client process against the bench server and a
 * private Redis: the same small messages sent directly, enqueued only (no
 * worker), and end to end (enqueued and delivered by a worker of the same
 * process, from the first enqueue to the last job completed). Each phase uses
 * fresh content ids, so de-duplication never skips a job.
 */
import 'reflect-metadata';
import { runLoad } from './load.js';
import { paramsPool } from './messages.js';

/** Reads a phase's completed jobs until `count` are done; resolves with the time it happened. */
async function whenCompleted(queue, count, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { completed, failed } = await queue.getJobCounts('completed', 'failed');
    if (failed > 0) throw new Error(`outbox benchmark: ${failed} job(s) failed`);
    if (completed >= count) return performance.now();
    if (performance.now() > deadline) throw new Error(`outbox benchmark: ${completed} of ${count} jobs delivered after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An app context with the outbox (`worker`: deliver here too) and a handle on its queue. */
async function outboxApp({ origin, sourceId, token, connections }, redisUrl, queueName, worker) {
  const { Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { BullModule, getQueueToken } = await import('@nestjs/bullmq');
  const { EngageSendModule, EngageSendService } = await import('engage-send');
  const { EngageOutbox, EngageOutboxModule } = await import('engage-send/outbox');
  class BenchOutboxModule {}
  Module({
    imports: [
      BullModule.forRoot({ connection: { url: redisUrl } }),
      EngageSendModule.forRoot({ baseUrl: origin, sourceId, accessToken: token, maxInFlight: connections, connections }),
      EngageOutboxModule.forRoot({ queueName, worker: worker && { concurrency: connections }, keepCompleted: { count: 1_000_000 } }),
    ],
  })(BenchOutboxModule);
  const app = await NestFactory.createApplicationContext(BenchOutboxModule, { logger: ['error'], abortOnError: false });
  return { app, outbox: app.get(EngageOutbox), engage: app.get(EngageSendService), queue: app.get(getQueueToken(queueName)) };
}

/**
 * @returns {Promise<{ kind: 'outbox', sends: number, concurrency: number, direct: object, enqueue: object, endToEnd: object }>}
 */
export async function runOutboxTask({ sends, warmup, concurrency, target, redisUrl }) {
  const pool = paramsPool('small');
  // One params object per send, built before measuring: each enqueue needs its own content id.
  const fresh = (prefix, count) => Array.from({ length: count }, (_, i) => ({ ...pool[i % pool.length], id: `${prefix}-${i}` }));

  // Direct sends, as the throughput task makes them.
  const direct = await outboxApp(target, redisUrl, 'bench-direct', false);
  let directLoad;
  try {
    if (warmup > 0) await runLoad((p) => direct.engage.messages.create(p), pool, { sends: warmup, concurrency });
    directLoad = await runLoad((p) => direct.engage.messages.create(p), pool, { sends, concurrency });
  } finally {
    await direct.app.close();
  }

  // Enqueue only: a producer replica, no worker.
  const producer = await outboxApp(target, redisUrl, 'bench-enqueue', false);
  let enqueueLoad;
  try {
    if (warmup > 0) await runLoad((p) => producer.outbox.messages.create(p), fresh('warm', warmup), { sends: warmup, concurrency });
    enqueueLoad = await runLoad((p) => producer.outbox.messages.create(p), fresh('enq', sends), { sends, concurrency });
  } finally {
    await producer.app.close();
  }

  // End to end: enqueue `sends` and deliver them with a worker in the same process.
  const replica = await outboxApp(target, redisUrl, 'bench-e2e', true);
  let endToEnd;
  try {
    if (warmup > 0) {
      await runLoad((p) => replica.outbox.messages.create(p), fresh('e2e-warm', warmup), { sends: warmup, concurrency });
      await whenCompleted(replica.queue, warmup, 120_000);
    }
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const enqueued = await runLoad((p) => replica.outbox.messages.create(p), fresh('e2e', sends), { sends, concurrency });
    const done = await whenCompleted(replica.queue, warmup + sends, 300_000);
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = done - started;
    endToEnd = { sends, wallMs, sendsPerSec: sends / (wallMs / 1000), cpuUsPerSend: (cpu.user + cpu.system) / sends, enqueueErrors: enqueued.errors };
  } finally {
    await replica.app.close();
  }
  return { kind: 'outbox', sends, concurrency, direct: directLoad, enqueue: enqueueLoad, endToEnd };
}
