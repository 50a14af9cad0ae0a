import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { EngageSendResult } from '../../src/index.js';
import { RedisTypingPacer, type TypingPacerRedisClient } from '../../src/outbox/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { startEmulator } from '../support/emulator.fixture.js';
import { RedisServer } from '../support/redis-server.js';
import { startReplica, type Replica } from './outbox-kit.js';

// Engage allows one typing.start per thread every 2 s and answers 429 above
// it. Replicas share the window through Redis; the emulator enforces the rule.

let redis: RedisServer;
let emulator: EngageEmulator;
let replicas: Replica[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
  await redis.stop();
});
beforeEach(() => emulator.reset());
afterEach(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  replicas = [];
});

async function startReplicas(sharedTypingPacing: boolean): Promise<Replica[]> {
  // No retries: a 429 is the emulator's, never hidden by a later success.
  replicas = await Promise.all([0, 1, 2].map(() => startReplica(redis.url, emulator, { worker: false, sharedTypingPacing }, { retry: false })));
  return replicas;
}

/** 50 `typing.start` on one thread over 5 s, round-robin across the replicas; how each ended. */
async function typeFor5Seconds(thread: string): Promise<PromiseSettledResult<EngageSendResult<'typing.start'>>[]> {
  const started = Date.now();
  return Promise.allSettled(
    Array.from({ length: 50 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, started + i * 100 - Date.now()));
      return replicas[i % 3]!.engage.typing.start({ thread_id: thread, preview: `typed ${i}` });
    }),
  );
}

const refusedWith429 = () => emulator.refused.filter((r) => r.status === 429);

describe('typing pacing shared by replicas', () => {
  it('three replicas, one thread, 50 starts in 5 s: the emulator answers no 429; one start per 2 s goes out', async () => {
    await startReplicas(true);
    const settled = await typeFor5Seconds('shared-thread');
    expect(refusedWith429()).toEqual([]);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    const results = settled.map((s) => (s as PromiseFulfilledResult<EngageSendResult<'typing.start'>>).value);
    const sent = emulator.requests.filter((r) => r.action === 'typing.start');
    // 0 s, then ≥ 2 s after the first was answered, then ≥ 2 s after that: 3 in 5 s.
    expect(sent).toHaveLength(3);
    expect(results.filter((r) => !r.coalesced)).toHaveLength(3);
    expect(results.filter((r) => r.coalesced)).toHaveLength(47);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.receivedAt - sent[i - 1]!.receivedAt).toBeGreaterThanOrEqual(2_000);
  }, 20_000);

  it('control: with per-process pacing, the same load earns 429s', async () => {
    await startReplicas(false);
    const settled = await typeFor5Seconds('local-thread');
    expect(refusedWith429().length).toBeGreaterThan(0);
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThan(0);
  }, 40_000);

  it('a typing.stop on one replica resets the window for all: the next start from another goes out at once', async () => {
    const [a, b, c] = await startReplicas(true);
    expect(await a!.engage.typing.start({ thread_id: 'stop-thread', preview: 'a' })).toMatchObject({ coalesced: false });
    expect(await b!.engage.typing.start({ thread_id: 'stop-thread', preview: 'b' })).toMatchObject({ coalesced: true });
    await b!.engage.typing.stop({ thread_id: 'stop-thread' });
    expect(await c!.engage.typing.start({ thread_id: 'stop-thread', preview: 'c' })).toMatchObject({ coalesced: false, status: 200 });
    expect(refusedWith429()).toEqual([]);
  });

  it('a failed start frees the thread at once for every replica', async () => {
    const [a, b] = await startReplicas(true);
    emulator.injectFaults({ status: 500 }, 1);
    await expect(a!.engage.typing.start({ thread_id: 'failed-thread', preview: 'a' })).rejects.toMatchObject({ code: 'ENGAGE_SERVER_ERROR' });
    expect(await b!.engage.typing.start({ thread_id: 'failed-thread', preview: 'b' })).toMatchObject({ coalesced: false, status: 200 });
  });
});

describe('RedisTypingPacer without Redis', () => {
  it('a Redis that does not answer delays a start by at most a second, then lets it go unpaced', async () => {
    const silent: TypingPacerRedisClient = {
      defineCommand: () => undefined,
      runCommand: () => new Promise(() => undefined),
      del: () => new Promise(() => undefined),
    };
    const pacer = new RedisTypingPacer(Promise.resolve(silent), 'test:typing:');
    const started = Date.now();
    const admission = await pacer.admit('t:1');
    expect('waitMs' in admission).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    await pacer.reset('t:1');
    expect(() => pacer.answered(admission as never)).not.toThrow();
  });
});
