import { describe, expect, it } from '@jest/globals';
import { AcquireRefusedError, SendLimiter } from '../../src/reliability/send-limiter.js';
import { settle } from './reliability-kit.js';

// The limiter alone: slots, its FIFO queue, refusals, idle().

/** Lets every pending promise callback run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether `promise` has settled by now (after a flush). */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await flush();
  return settled;
}

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  const outcome = await settle(promise);
  if (outcome.ok) throw new Error('expected a refusal');
  expect(outcome.error).toBeInstanceOf(AcquireRefusedError);
  return (outcome.error as AcquireRefusedError).reason;
}

describe('SendLimiter', () => {
  it('grants up to maxInFlight slots at once; the rest wait in the queue', async () => {
    const limiter = new SendLimiter(2, 10);
    const a = limiter.acquire();
    const b = limiter.acquire();
    const c = limiter.acquire();
    expect(limiter.inFlight).toBe(2);
    expect(limiter.queued).toBe(1);
    expect(await isSettled(a)).toBe(true);
    expect(await isSettled(b)).toBe(true);
    expect(await isSettled(c)).toBe(false);
    (await a)();
    expect(await isSettled(c)).toBe(true);
    expect(limiter.inFlight).toBe(2);
    expect(limiter.queued).toBe(0);
  });

  it('serves the queue in FIFO order', async () => {
    const limiter = new SendLimiter(1, 10);
    const order: string[] = [];
    const first = await limiter.acquire();
    const waiting = ['b', 'c', 'd', 'e'].map((name) =>
      limiter.acquire().then((release) => {
        order.push(name);
        return release;
      }),
    );
    first();
    for (const w of waiting) (await w)();
    expect(order).toEqual(['b', 'c', 'd', 'e']);
    expect(limiter.inFlight).toBe(0);
  });

  it('a new acquire does not jump the queue', async () => {
    const limiter = new SendLimiter(1, 10);
    const order: string[] = [];
    const first = await limiter.acquire();
    const queued = limiter.acquire().then((r) => (order.push('queued'), r));
    first();
    const late = limiter.acquire().then((r) => (order.push('late'), r));
    (await queued)();
    (await late)();
    expect(order).toEqual(['queued', 'late']);
  });

  it('refuses with queue-full at once when maxQueue are waiting', async () => {
    const limiter = new SendLimiter(1, 2);
    await limiter.acquire();
    void limiter.acquire();
    void limiter.acquire();
    expect(await refusalOf(limiter.acquire())).toBe('queue-full');
    expect(limiter.queued).toBe(2);
    expect(limiter.inFlight).toBe(1);
  });

  it('maxQueue 0: no waiting at all', async () => {
    const limiter = new SendLimiter(1, 0);
    await limiter.acquire();
    expect(await refusalOf(limiter.acquire())).toBe('queue-full');
  });

  it('abort while queued: refused with aborted, removed from the queue, no slot leaked', async () => {
    const limiter = new SendLimiter(1, 10);
    const holder = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    expect(limiter.queued).toBe(2);
    controller.abort();
    expect(await refusalOf(aborted)).toBe('aborted');
    expect(limiter.queued).toBe(1);
    expect(limiter.inFlight).toBe(1);
    holder();
    // The slot goes to the next waiter, not to the aborted one.
    const release = await next;
    expect(limiter.inFlight).toBe(1);
    release();
    expect(limiter.inFlight).toBe(0);
    await limiter.idle();
  });

  it('aborting after the slot was granted changes nothing', async () => {
    const limiter = new SendLimiter(1, 10);
    const controller = new AbortController();
    const release = await limiter.acquire(controller.signal);
    controller.abort();
    expect(limiter.inFlight).toBe(1);
    release();
    expect(limiter.inFlight).toBe(0);
  });

  it('rejectQueued refuses every waiter with closed; in-flight slots are untouched', async () => {
    const limiter = new SendLimiter(1, 10);
    const holder = await limiter.acquire();
    const waiters = [limiter.acquire(), limiter.acquire(), limiter.acquire()];
    limiter.rejectQueued();
    expect(limiter.queued).toBe(0);
    expect(limiter.inFlight).toBe(1);
    for (const w of waiters) expect(await refusalOf(w)).toBe('closed');
    holder();
    expect(limiter.inFlight).toBe(0);
  });

  it('close refuses new acquires, but queued ones keep their place and are granted', async () => {
    const limiter = new SendLimiter(1, 10);
    const holder = await limiter.acquire();
    const queued = limiter.acquire();
    limiter.close();
    expect(await refusalOf(limiter.acquire())).toBe('closed');
    holder();
    (await queued)();
    expect(limiter.inFlight).toBe(0);
  });

  it('idle() resolves at once when idle, otherwise when the last slot is released and the queue is empty', async () => {
    const limiter = new SendLimiter(1, 10);
    expect(await isSettled(limiter.idle())).toBe(true);
    const a = await limiter.acquire();
    const b = limiter.acquire();
    const idle = limiter.idle();
    a();
    expect(await isSettled(idle)).toBe(false); // b now holds the slot
    (await b)();
    expect(await isSettled(idle)).toBe(true);
  });

  it('idle() waits for running sends even when the queue empties by abort or rejectQueued', async () => {
    const limiter = new SendLimiter(1, 10);
    const a = await limiter.acquire();
    const controller = new AbortController();
    const aborted = settle(limiter.acquire(controller.signal));
    const rejected = settle(limiter.acquire());
    const idle = limiter.idle();
    controller.abort();
    limiter.rejectQueued();
    await Promise.all([aborted, rejected]);
    expect(limiter.queued).toBe(0);
    expect(await isSettled(idle)).toBe(false); // `a` still runs
    a();
    expect(await isSettled(idle)).toBe(true);
  });

  it('release is idempotent: a second call neither frees a slot twice nor over-grants', async () => {
    const limiter = new SendLimiter(1, 10);
    const release = await limiter.acquire();
    const b = limiter.acquire();
    const c = limiter.acquire();
    release();
    release();
    release();
    expect(await isSettled(b)).toBe(true);
    expect(await isSettled(c)).toBe(false);
    expect(limiter.inFlight).toBe(1);
    const releaseB = await b;
    releaseB();
    releaseB();
    const releaseC = await c;
    expect(limiter.inFlight).toBe(1);
    releaseC();
    releaseC();
    expect(limiter.inFlight).toBe(0);
  });

  it('FIFO holds across queue compaction with aborts interleaved (1 500 waiters, every 3rd aborted while queued)', async () => {
    const limiter = new SendLimiter(1, 5_000);
    const holder = await limiter.acquire();
    const served: number[] = [];
    const controllers: AbortController[] = [];
    const waiters = Array.from({ length: 1_500 }, (_, i) => {
      const controller = new AbortController();
      controllers.push(controller);
      return settle(
        limiter.acquire(controller.signal).then((release) => {
          served.push(i);
          // Abort some still-queued waiters while the queue is being consumed.
          if (i % 3 === 1 && i + 1 < controllers.length) controllers[i + 1].abort();
          release();
        }),
      );
    });
    controllers[2].abort();
    holder();
    const outcomes = await Promise.all(waiters);
    const expected = Array.from({ length: 1_500 }, (_, i) => i).filter((i) => i % 3 !== 2);
    expect(served).toEqual(expected);
    expect(outcomes.filter((o) => !o.ok)).toHaveLength(500);
    expect(limiter.inFlight).toBe(0);
    expect(limiter.queued).toBe(0);
  });

  it('many sends through a small limiter: never more than maxInFlight, all served, nothing left', async () => {
    const limiter = new SendLimiter(3, 5_000);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 3_000 }, async () => {
        const release = await limiter.acquire();
        running++;
        peak = Math.max(peak, running);
        await Promise.resolve();
        running--;
        release();
      }),
    );
    expect(peak).toBe(3);
    expect(limiter.inFlight).toBe(0);
    expect(limiter.queued).toBe(0);
    await limiter.idle();
  });
});

describe('SendLimiter.tryAcquire', () => {
  it('takes a free slot synchronously, and none when full, queued or closed', async () => {
    const limiter = new SendLimiter(1, 5);
    const release = limiter.tryAcquire();
    expect(release).toBeInstanceOf(Function);
    expect(limiter.inFlight).toBe(1);
    expect(limiter.tryAcquire()).toBeUndefined();
    const waiting = limiter.acquire();
    release!();
    // The freed slot went to the waiter, not to a newcomer.
    expect(limiter.tryAcquire()).toBeUndefined();
    (await waiting)();
    expect(limiter.inFlight).toBe(0);
    limiter.close();
    expect(limiter.tryAcquire()).toBeUndefined();
  });
});
