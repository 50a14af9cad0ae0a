import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { EngageOutboxJob } from '../../src/outbox/index.js';
import { aMessage } from '../support/emulator.fixture.js';
import { FAST_RETRY, outboxFixture, type Replica, startReplica, waitFor } from './outbox-kit.js';

// Workers deliver with one attempt per job try, through the real send path, to
// the emulator over loopback; BullMQ on a private Redis decides the retries.

/** Emulator log lines with the time they were written. */
const lines: { at: number; line: string }[] = [];
const env = outboxFixture({ logger: (line) => lines.push({ at: Date.now(), line }) });
let replica: Replica | undefined;

beforeEach(() => {
  lines.length = 0;
});
afterEach(async () => {
  await replica?.close();
  replica = undefined;
});

/** Waits until the job is completed or failed, and returns what `getJob` says then. */
function settled(id: string, timeoutMs = 15_000): Promise<EngageOutboxJob> {
  return waitFor(
    `job ${id} to settle`,
    async () => {
      const job = await replica!.outbox.getJob(id);
      return job?.state === 'completed' || job?.state === 'failed' ? job : undefined;
    },
    timeoutMs,
  );
}

describe('outbox delivery', () => {
  it('delivers the exact prepared bytes once, signed; the job completes with Engage’s status', async () => {
    replica = await startReplica(env.redis.url, env.emulator);
    const prepared = replica.engage.prepare('messages.create', aMessage({ id: 'd-1', body: 'héllo 👋' }) as never);
    const { jobId } = await replica.outbox.messages.create(aMessage({ id: 'd-1', body: 'héllo 👋' }) as never);
    const job = await settled(jobId);
    expect(job).toMatchObject({ id: 'messages.create-d-1', state: 'completed', attemptsMade: 1, contentId: 'd-1', result: { status: 200 } });
    expect(job.result!.ageMs).toBeGreaterThanOrEqual(0);
    expect(env.emulator.requests).toHaveLength(1);
    expect(env.emulator.requests[0]!.rawBody.toString('utf8')).toBe(prepared.body);
  });

  it('5xx and connection failures are retried with backoff until Engage accepts', async () => {
    env.emulator.injectFaults({ status: 503 }, 1);
    env.emulator.injectFaults({ drop: 'before-read' }, 1);
    replica = await startReplica(env.redis.url, env.emulator);
    const { jobId } = await replica.outbox.messages.create(aMessage({ id: 'd-5xx' }) as never);
    const job = await settled(jobId);
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 3 });
    expect(env.emulator.requests).toHaveLength(1);
    expect(env.emulator.received).toBe(3);
  });

  it('a 429 is retried after its Retry-After, not after the (shorter) backoff', async () => {
    env.emulator.injectFaults({ status: 429, body: 'too many typing requests, please try again in a few seconds', headers: { 'retry-after': '1' } }, 1);
    replica = await startReplica(env.redis.url, env.emulator);
    const { jobId } = await replica.outbox.messages.create(aMessage({ id: 'd-429' }) as never);
    const job = await settled(jobId);
    expect(job).toMatchObject({ state: 'completed', attemptsMade: 2 });
    const limited = lines.find((l) => l.line.startsWith('429'));
    const accepted = lines.find((l) => l.line.startsWith('200'));
    // FAST_RETRY's backoff is at most 100 ms: only the Retry-After explains a second's wait.
    expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(950);
  });

  it('a typed refusal (422) fails the job for good after one attempt, with the code and Engage’s answer recorded', async () => {
    replica = await startReplica(env.redis.url, env.emulator, {}, { accessToken: 'not-the-source-token' });
    const { jobId } = await replica.outbox.messages.create(aMessage({ id: 'd-422' }) as never);
    const job = await settled(jobId);
    expect(job).toMatchObject({ state: 'failed', attemptsMade: 1, maxAttempts: FAST_RETRY.attempts });
    expect(job.error).toEqual({ code: 'ENGAGE_INVALID_SIGNATURE', message: expect.stringContaining('Engage answered 422 "Invalid signature"') });
    expect(env.emulator.received).toBe(1);
    // What BullMQ stored about the failure holds no token, signature or body.
    const raw = (await env.queue.getJob(jobId))!;
    const recorded = JSON.stringify({ reason: raw.failedReason, stack: raw.stacktrace });
    expect(recorded).not.toContain('not-the-source-token');
    expect(recorded).not.toContain(aMessage().body as string);
    expect(recorded).not.toMatch(/[0-9a-f]{128}/);
  });

  it('when every attempt fails, the job fails with the last error after `attempts` tries', async () => {
    env.emulator.injectFaults({ status: 500 }, FAST_RETRY.attempts);
    replica = await startReplica(env.redis.url, env.emulator);
    const { jobId } = await replica.outbox.messages.create(aMessage({ id: 'd-exhausted' }) as never);
    const job = await settled(jobId);
    expect(job).toMatchObject({ state: 'failed', attemptsMade: FAST_RETRY.attempts, error: { code: 'ENGAGE_SERVER_ERROR' } });
    expect(env.emulator.received).toBe(FAST_RETRY.attempts);
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('with resendCreates: false, a create that may have reached Engage is not resent', async () => {
    env.emulator.injectFaults({ status: 503 }, 1);
    replica = await startReplica(env.redis.url, env.emulator, { retry: { ...FAST_RETRY, resendCreates: false } });
    const { jobId } = await replica.outbox.messages.create(aMessage({ id: 'd-once' }) as never);
    const job = await settled(jobId);
    expect(job).toMatchObject({ state: 'failed', attemptsMade: 1, error: { code: 'ENGAGE_SERVER_ERROR' } });
    expect(env.emulator.received).toBe(1);
  });

  it('globalConcurrency holds across replicas: two workers of 5 never deliver more than 2 jobs at once', async () => {
    env.emulator.injectFaults({ delayMs: 150 }, 12);
    replica = await startReplica(env.redis.url, env.emulator, { worker: { concurrency: 5 }, globalConcurrency: 2 });
    const other = await startReplica(env.redis.url, env.emulator, { worker: { concurrency: 5 }, globalConcurrency: 2 });
    try {
      expect(await env.queue.getGlobalConcurrency()).toBe(2);
      for (let i = 0; i < 12; i++) await replica.outbox.status.markAsRead({ id: `gc-${i}` });
      let most = 0;
      await waitFor('all delivered', async () => {
        const { active, completed } = await env.queue.getJobCounts('active', 'completed');
        most = Math.max(most, active);
        return completed === 12 ? true : undefined;
      });
      expect(most).toBe(2);
      expect(env.emulator.requests).toHaveLength(12);
    } finally {
      await other.close();
      await env.queue.removeGlobalConcurrency();
    }
  });

  it('worker.limiter holds across replicas: at most `max` jobs start per period', async () => {
    replica = await startReplica(env.redis.url, env.emulator, { worker: { limiter: { max: 4, durationMs: 1_000 } } });
    const other = await startReplica(env.redis.url, env.emulator, { worker: { limiter: { max: 4, durationMs: 1_000 } } });
    try {
      const started = Date.now();
      for (let i = 0; i < 9; i++) await replica.outbox.status.markAsRead({ id: `rl-${i}` });
      await waitFor('all delivered', () => (env.emulator.requests.length === 9 ? true : undefined));
      // 4 in the first second, 4 in the second, the 9th in the third.
      expect(env.emulator.requests[8]!.receivedAt - started).toBeGreaterThanOrEqual(2_000);
    } finally {
      await other.close();
    }
  });

  it('a producer-only replica stores jobs and sends nothing; a worker replica delivers them', async () => {
    replica = await startReplica(env.redis.url, env.emulator, { worker: false });
    const { jobId } = await replica.outbox.status.markAsRead({ id: 'agent-msg-1' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await replica.outbox.getJob(jobId)).toMatchObject({ state: 'waiting', attemptsMade: 0 });
    expect(env.emulator.received).toBe(0);
    const worker = await startReplica(env.redis.url, env.emulator);
    try {
      await waitFor('delivery by the worker replica', () => (env.emulator.requests.length === 1 ? true : undefined));
      expect(env.emulator.requests[0]).toMatchObject({ action: 'status.mark_as_read', params: { id: 'agent-msg-1' } });
    } finally {
      await worker.close();
    }
  });
});
