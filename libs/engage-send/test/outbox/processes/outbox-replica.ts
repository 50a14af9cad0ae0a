// One replica of an app using the outbox, in its own process, for
// outbox-multiprocess.spec.ts. Run as
//   node --import ../../support/ts-loader/register.mjs outbox-replica.ts <worker|producer>
// It reports on stdout, one JSON object per line:
//   worker:   {"ready":true,"worker":"<BullMQ worker name>"}, then runs until SIGTERM (or SIGKILL);
//   producer: {"enqueued":N,"ms":…} once N messages are stored, then exits.
// Settings come from OUTBOX_* environment variables (below).
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hostname } from 'node:os';
import { EngageSendModule } from '../../../src/index.js';
import { EngageOutbox, EngageOutboxModule } from '../../../src/outbox/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const role = process.argv[2];
if (role !== 'worker' && role !== 'producer') throw new Error(`usage: outbox-replica.ts <worker|producer>, got ${String(role)}`);

const lockDurationMs = Number(env('OUTBOX_LOCK_MS'));

@Module({
  imports: [
    BullModule.forRoot({ connection: { url: env('OUTBOX_REDIS_URL') } }),
    EngageSendModule.forRoot({
      baseUrl: env('OUTBOX_ENGAGE_URL'),
      sourceId: env('OUTBOX_SOURCE_ID'),
      accessToken: env('OUTBOX_ACCESS_TOKEN'),
      timeoutMs: Number(env('OUTBOX_TIMEOUT_MS')),
    }),
    EngageOutboxModule.forRoot({
      worker: role === 'worker' && { concurrency: Number(env('OUTBOX_CONCURRENCY')), lockDurationMs, stalledIntervalMs: lockDurationMs / 2 },
      retry: { attempts: 12, baseDelayMs: 20, maxDelayMs: 500 },
    }),
  ],
})
class ReplicaModule {}

const app = await NestFactory.createApplicationContext(ReplicaModule, { logger: ['error', 'warn'] });
const report = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (role === 'worker') {
  app.enableShutdownHooks();
  report({ ready: true, worker: `engage-send@${hostname()}:${process.pid}` });
} else {
  const outbox = app.get(EngageOutbox);
  const count = Number(env('OUTBOX_SENDS'));
  const started = performance.now();
  let next = 0;
  // 64 enqueues in flight: a producer under load, not one waiting for each round trip.
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      for (let i = next++; i < count; i = next++) {
        await outbox.messages.create({ id: `mp-${i}`, thread_id: `thread-${i % 200}`, author: { id: `user-${i % 97}`, screenname: 'Load' }, body: `message ${i}` });
      }
    }),
  );
  report({ enqueued: count, ms: Math.round(performance.now() - started) });
  await app.close();
}
