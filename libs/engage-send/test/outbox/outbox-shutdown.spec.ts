import { describe, expect, it } from '@jest/globals';
import { aMessage } from '../support/emulator.fixture.js';
import { outboxFixture, startReplica, waitFor } from './outbox-kit.js';

// What a replica does with its jobs when it closes, or cannot send right now.
// (A replica killed mid-send is in outbox-multiprocess.spec.ts.)

const env = outboxFixture();

describe('app.close()', () => {
  it('finishes the attempt in flight, takes no other job, and leaves the rest waiting for another replica', async () => {
    env.emulator.injectFaults({ delayMs: 600 }, 1);
    const replica = await startReplica(env.redis.url, env.emulator, { worker: { concurrency: 1 } });
    for (let i = 0; i < 5; i++) await replica.outbox.messages.create(aMessage({ id: `s-${i}` }) as never);
    await waitFor('the first job to be active', async () => ((await env.queue.getJobCounts('active')).active === 1 ? true : undefined));

    await replica.close();

    expect(env.emulator.requests.map((r) => r.params.id)).toEqual(['s-0']);
    expect(await env.queue.getJobState('messages.create-s-0')).toBe('completed');
    const counts = await env.queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    expect(counts).toEqual({ waiting: 4, active: 0, delayed: 0, failed: 0 });
    // Nothing was attempted on the others: the next replica starts them afresh.
    for (const job of await env.queue.getJobs(['waiting'])) expect(job.attemptsMade).toBe(0);

    const next = await startReplica(env.redis.url, env.emulator);
    try {
      await waitFor('the other replica to deliver the rest', () => (env.emulator.requests.length === 5 ? true : undefined));
      expect(env.emulator.requests.map((r) => r.params.id).sort()).toEqual(['s-0', 's-1', 's-2', 's-3', 's-4']);
    } finally {
      await next.close();
    }
  });
});

describe('a saturated replica', () => {
  it('hands back the jobs its send queue refuses: each is delivered once, and no attempt is counted for the hand-back', async () => {
    env.emulator.injectFaults({ delayMs: 300 }, 3);
    // Three jobs at once for one send slot and no wait queue: two are refused locally (EngageQueueFullError).
    const replica = await startReplica(env.redis.url, env.emulator, { worker: { concurrency: 3 } }, { maxInFlight: 1, maxQueue: 0 });
    try {
      await Promise.all([0, 1, 2].map((i) => replica.outbox.messages.create(aMessage({ id: `q-${i}` }) as never)));
      await waitFor('all three delivered', async () => ((await env.queue.getJobCounts('completed')).completed === 3 ? true : undefined), 20_000);
      expect(env.emulator.requests.map((r) => r.params.id).sort()).toEqual(['q-0', 'q-1', 'q-2']);
      for (const id of ['q-0', 'q-1', 'q-2']) expect(await replica.outbox.getJob(`messages.create-${id}`)).toMatchObject({ state: 'completed', attemptsMade: 1 });
      // Hand-backs did happen: jobs were taken more often than attempted.
      const started = (await env.queue.getJobs(['completed'])).reduce((sum, job) => sum + job.attemptsStarted, 0);
      expect(started).toBeGreaterThan(3);
    } finally {
      await replica.close();
    }
  }, 30_000);
});
