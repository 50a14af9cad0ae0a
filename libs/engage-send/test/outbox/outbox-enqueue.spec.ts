import { beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { EngagePayloadTooLargeError, EngageValidationError, MAX_BODY_BYTES } from '../../src/index.js';
import { EngageOutboxModule, EngageOutboxOptionsError, outboxJobId } from '../../src/outbox/index.js';
import { aMessage, SOURCE } from '../support/emulator.fixture.js';
import { outboxFixture, type Replica, startReplica, waitFor } from './outbox-kit.js';

// The producer side: what is validated before anything is stored, what a
// job id is, what is stored in Redis.

const env = outboxFixture();
let producer: Replica;

beforeAll(async () => {
  producer = await startReplica(env.redis.url, env.emulator, { worker: false });
  env.closeBeforeTeardown(() => producer.close());
});

const jobCount = async () => Object.values(await env.queue.getJobCounts()).reduce((sum, n) => sum + n, 0);

describe('enqueueing', () => {
  it('resolves with the job id once the job is stored; the job holds the prepared send, nothing else of the caller', async () => {
    const params = aMessage({ id: 'e-1' });
    const enqueued = await producer.outbox.messages.create(params as never);
    expect(enqueued).toEqual({ jobId: 'messages.create-e-1', action: 'messages.create', queue: 'engage-send' });
    const job = (await env.queue.getJob(enqueued.jobId))!;
    expect(job.name).toBe('messages.create');
    expect(job.data).toEqual({ v: 1, send: producer.engage.prepare('messages.create', params as never) });
    expect(env.emulator.received).toBe(0);
  });

  it('invalid params fail at once with the typed error naming the field, and nothing is enqueued', async () => {
    const rejection = producer.outbox.messages.create(aMessage({ id: 'e-bad', thread_id: 42 }) as never);
    await expect(rejection).rejects.toBeInstanceOf(EngageValidationError);
    await expect(rejection).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'params.thread_id' })] });
    expect(await jobCount()).toBe(0);
  });

  it('a body over 20 MiB fails with EngagePayloadTooLargeError, and nothing is enqueued', async () => {
    const rejection = producer.outbox.messages.create(aMessage({ id: 'e-big', body: undefined, attachments: [{ content: 'A'.repeat(MAX_BODY_BYTES), filename: 'big.txt' }] }) as never);
    await expect(rejection).rejects.toBeInstanceOf(EngagePayloadTooLargeError);
    expect(await jobCount()).toBe(0);
  });

  it('typing events are refused with a typed error: they are sent directly, never queued', async () => {
    const rejection = producer.outbox.enqueue('typing.start' as never, { thread_id: 't', preview: 'x' } as never);
    await expect(rejection).rejects.toBeInstanceOf(EngageValidationError);
    await expect(rejection).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'action' })] });
    expect(await jobCount()).toBe(0);
  });

  it('the same content enqueued twice is stored once, and sent once, even after its job is gone', async () => {
    // A replica that keeps no finished job: the deduplication window still holds.
    const replica = await startReplica(env.redis.url, env.emulator, { keepCompleted: { count: 0 } });
    try {
      const first = await replica.outbox.messages.create(aMessage({ id: 'e-twice' }) as never);
      const second = await replica.outbox.messages.create(aMessage({ id: 'e-twice', body: 'edited' }) as never);
      expect(second.jobId).toBe(first.jobId);
      await waitFor('the job to be delivered and removed', async () => (env.emulator.requests.length === 1 && (await jobCount()) === 0 ? true : undefined));
      const third = await replica.outbox.messages.create(aMessage({ id: 'e-twice' }) as never);
      expect(third.jobId).toBe(first.jobId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await jobCount()).toBe(0);
      expect(env.emulator.requests.map((r) => r.params.body)).toEqual(['Hello']);
    } finally {
      await replica.close();
    }
  });

  it('once the window is over and the job is gone, the same content is a new job (sent again)', async () => {
    const replica = await startReplica(env.redis.url, env.emulator, { keepCompleted: { count: 0 }, deduplicationWindowMs: 50 });
    try {
      await replica.outbox.messages.create(aMessage({ id: 'e-later' }) as never);
      await waitFor('the job to be delivered and removed', async () => (env.emulator.requests.length === 1 && (await jobCount()) === 0 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await replica.outbox.messages.create(aMessage({ id: 'e-later' }) as never);
      await waitFor('the second delivery', () => (env.emulator.requests.length === 2 ? true : undefined));
    } finally {
      await replica.close();
    }
  });

  it('the same id under another action is another job', async () => {
    await producer.outbox.messages.create(aMessage({ id: 'e-shared' }) as never);
    await producer.outbox.status.markAsRead({ id: 'e-shared' });
    expect((await env.queue.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual(['messages.create-e-shared', 'status.mark_as_read-e-shared']);
  });

  it('job ids: readable for usual ids, ":" and "%" escaped, long ids hashed; all distinct and accepted by BullMQ', async () => {
    const ids = ['890', 'a:b', 'a%3Ab', '%', 'x'.repeat(200), 'x'.repeat(201), 'y'.repeat(5_000), 'ünï €'];
    const jobIds = ids.map((id) => outboxJobId('status.mark_as_read', id));
    expect(jobIds.slice(0, 4)).toEqual(['status.mark_as_read-890', 'status.mark_as_read-a%3Ab', 'status.mark_as_read-a%253Ab', 'status.mark_as_read-%25']);
    expect(jobIds[5]).toMatch(/^status\.mark_as_read#[A-Za-z0-9_-]{43}$/);
    expect(new Set(jobIds).size).toBe(ids.length);
    for (const id of ids) await producer.outbox.status.markAsRead({ id });
    expect((await env.queue.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual([...jobIds].sort());
  });

  it('nothing stored in Redis holds the access token or a signature', async () => {
    await producer.outbox.messages.create(aMessage({ id: 'e-secret' }) as never);
    const client = new Redis(env.redis.url);
    try {
      const dump: string[] = [];
      for (const key of await client.keys('*')) {
        const type = await client.type(key);
        if (type === 'string') dump.push(String(await client.get(key)));
        else if (type === 'hash') dump.push(JSON.stringify(await client.hgetall(key)));
        else if (type === 'list') dump.push(JSON.stringify(await client.lrange(key, 0, -1)));
        else if (type === 'zset') dump.push(JSON.stringify(await client.zrange(key, '0', '-1')));
        else if (type === 'stream') dump.push(JSON.stringify(await client.xrange(key, '-', '+')));
        else dump.push(`${key}:${type}`);
      }
      const text = dump.join('\n');
      expect(text).toContain('e-secret');
      expect(text).not.toContain(SOURCE.accessToken);
      expect(text).not.toMatch(/[0-9a-f]{128}/);
    } finally {
      client.disconnect();
    }
  });
});

describe('EngageOutboxModule options', () => {
  it('invalid options stop the app at once, naming each option', () => {
    let error: unknown;
    try {
      EngageOutboxModule.forRoot({ queueName: 'a:b', worker: { concurrency: 0, limiter: { max: 1, durationMs: -1 } }, retry: { attempts: 0 }, deduplicationWindowMs: 1.5 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EngageOutboxOptionsError);
    expect((error as EngageOutboxOptionsError).problems).toEqual([
      expect.stringMatching(/^queueName/),
      expect.stringMatching(/^worker\.limiter\.durationMs/),
      expect.stringMatching(/^worker\.concurrency/),
      expect.stringMatching(/^retry\.attempts/),
      expect.stringMatching(/^deduplicationWindowMs/),
    ]);
  });
});
