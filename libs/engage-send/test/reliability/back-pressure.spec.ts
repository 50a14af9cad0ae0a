import { describe, expect, it } from '@jest/globals';
import { EngageQueueFullError, type EngageSendResult } from '../../src/index.js';
import { aMessage } from '../support/emulator.fixture.js';
import { emulatorFixture, type Engage, settle, sleep } from './reliability-kit.js';

// Bounded concurrency over loopback: maxInFlight sends at once, a bounded FIFO
// queue behind them, and a fail-fast EngageQueueFullError beyond it.

describe('bounded concurrency and back-pressure over loopback', () => {
  const fixture = emulatorFixture();
  let engage: Engage;

  /** Samples how many requests the emulator is serving (arrived, not yet answered) every 2 ms. */
  function watchServerConcurrency(): { stop: () => number } {
    let peak = 0;
    const timer = setInterval(() => {
      const open = fixture.emulator.log.filter((entry) => entry.status === undefined).length;
      peak = Math.max(peak, open);
    }, 2);
    return {
      stop: () => {
        clearInterval(timer);
        return peak;
      },
    };
  }

  it('maxInFlight 2, maxQueue 3, 6 concurrent slow sends: the 6th fails fast, the other 5 succeed in FIFO order, never more than 2 in flight', async () => {
    engage = await fixture.create({ maxInFlight: 2, maxQueue: 3, retry: false }, { record: true });
    fixture.emulator.injectFaults({ delayMs: 150 }, 5);
    const watch = watchServerConcurrency();
    const settledOrder: string[] = [];
    let clientPeak = 0;
    const sample = setInterval(() => {
      clientPeak = Math.max(clientPeak, engage.service.inFlight);
    }, 2);

    const sends = Array.from({ length: 6 }, (_, i) => {
      const id = `msg-${i + 1}`;
      return settle(engage.service.messages.create(aMessage({ id }) as never)).then((outcome) => {
        settledOrder.push(id);
        return outcome;
      });
    });
    // While the first two are held up at the emulator: 2 running, 3 queued.
    await sleep(30);
    expect(engage.service.inFlight).toBe(2);
    expect(engage.service.queued).toBe(3);

    const outcomes = await Promise.all(sends);
    clearInterval(sample);
    const serverPeak = watch.stop();

    const sixth = outcomes[5];
    expect(sixth.ok).toBe(false);
    const error = (sixth as { error: EngageQueueFullError }).error;
    expect(error).toBeInstanceOf(EngageQueueFullError);
    expect(error).toMatchObject({ maxInFlight: 2, maxQueue: 3, attempts: 0, action: 'messages.create' });
    // Failed fast: before any of the others finished.
    expect(settledOrder[0]).toBe('msg-6');

    // The other five succeeded, started in FIFO order, and msg-6 was never sent.
    for (const outcome of outcomes.slice(0, 5)) expect(outcome).toMatchObject({ ok: true, value: { status: 200, attempts: 1 } });
    expect(engage.attempts.map((a) => a.id)).toEqual(['msg-1', 'msg-2', 'msg-3', 'msg-4', 'msg-5']);
    expect(fixture.emulator.requests.map((r) => r.params.id).sort()).toEqual(['msg-1', 'msg-2', 'msg-3', 'msg-4', 'msg-5']);
    expect(fixture.emulator.received).toBe(5);

    // Never more than 2 at once, on either side (and the limit was actually reached).
    expect(clientPeak).toBeLessThanOrEqual(2);
    expect(serverPeak).toBe(2);
    expect(engage.service.inFlight).toBe(0);
    expect(engage.service.queued).toBe(0);
  });

  it('once the queue drains, sends are admitted again', async () => {
    engage = await fixture.create({ maxInFlight: 1, maxQueue: 0, retry: false });
    fixture.emulator.injectFaults({ delayMs: 100 }, 1);
    const first = engage.service.status.markAsRead({ id: 'a' });
    await expect(engage.service.status.markAsRead({ id: 'b' })).rejects.toBeInstanceOf(EngageQueueFullError);
    await first;
    await expect(engage.service.status.markAsRead({ id: 'c' })).resolves.toMatchObject({ status: 200 });
    expect(fixture.emulator.requests.map((r) => r.params.id)).toEqual(['a', 'c']);
  });

  it('a send holds its slot across its retries: the next one starts only when it is done', async () => {
    engage = await fixture.create({ maxInFlight: 1, retry: { baseDelayMs: 40 } }, { record: true });
    fixture.emulator.injectFaults({ status: 503 }, 2);
    const results: EngageSendResult[] = await Promise.all([
      engage.service.status.markAsRead({ id: 'first' }),
      engage.service.status.markAsRead({ id: 'second' }),
    ]);
    expect(results.map((r) => r.attempts)).toEqual([3, 1]);
    expect(engage.attempts.map((a) => a.id)).toEqual(['first', 'first', 'first', 'second']);
  });

  it('a validation error never takes a slot or a queue place', async () => {
    engage = await fixture.create({ maxInFlight: 1, maxQueue: 0, retry: false });
    fixture.emulator.injectFaults({ delayMs: 100 }, 1);
    const first = engage.service.status.markAsRead({ id: 'a' });
    const invalid = settle(engage.service.status.markAsRead({} as never));
    expect(engage.service.inFlight).toBe(1);
    expect(engage.service.queued).toBe(0);
    expect((await invalid).ok).toBe(false);
    await first;
    expect(fixture.emulator.received).toBe(1);
  });
});
