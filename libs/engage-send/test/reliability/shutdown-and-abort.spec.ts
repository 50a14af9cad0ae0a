import { describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  EngageAbortedError,
  EngageValidationError,
  EngageErrorCode,
  EngageSendError,
  EngageShutdownError,
  EngageSendService,
} from '../../src/index.js';
import { aMessage } from '../support/emulator.fixture.js';
import { emulatorFixture, type Engage, rejectionOf, settle, sleep, until } from './reliability-kit.js';

// Graceful shutdown (Nest's beforeApplicationShutdown, run by close()) and
// caller aborts, over loopback against the fixture.emulator.

/** Lets Nest's close() get past its destroy hooks into beforeApplicationShutdown (they resolve through microtasks only). */
const closeHasBegun = () => sleep(30);

describe('graceful shutdown', () => {
  const fixture = emulatorFixture();
  let engage: Engage | undefined;

  it('close() waits for in-flight and queued sends that finish within shutdownGraceMs; they succeed', async () => {
    engage = await fixture.create({ maxInFlight: 2, shutdownGraceMs: 3_000, retry: false });
    fixture.emulator.injectFaults({ delayMs: 150 }, 3);
    const settledBeforeClose: string[] = [];
    const sends = ['a', 'b', 'c'].map((id) =>
      settle(engage!.service.status.markAsRead({ id })).then((outcome) => {
        settledBeforeClose.push(id);
        return outcome;
      }),
    );
    await sleep(20);
    expect(engage.service.inFlight).toBe(2);
    expect(engage.service.queued).toBe(1);

    const started = performance.now();
    await engage.close();
    const closeMs = performance.now() - started;
    // Everything had settled by the time close() resolved: it waited for them.
    expect(settledBeforeClose.sort()).toEqual(['a', 'b', 'c']);
    expect(closeMs).toBeGreaterThanOrEqual(150); // the queued one could only start once a first send was answered
    const outcomes = await Promise.all(sends);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: true, value: { status: 200 } });
    expect(fixture.emulator.requests.map((r) => r.params.id).sort()).toEqual(['a', 'b', 'c']);
    engage = undefined;
  });

  it('sends started after close began are refused with EngageShutdownError; nothing of them is sent', async () => {
    engage = await fixture.create({ shutdownGraceMs: 3_000, retry: false });
    fixture.emulator.injectFaults({ delayMs: 300 }, 1);
    const inFlight = engage.service.status.markAsRead({ id: 'before' });
    await sleep(20);
    const closing = engage.close();
    await closeHasBegun();

    const error = (await rejectionOf(engage.service.messages.create(aMessage({ id: 'after' }) as never))) as EngageShutdownError;
    expect(error).toBeInstanceOf(EngageShutdownError);
    expect(error.code).toBe(EngageErrorCode.SHUTTING_DOWN);
    expect(error.attempts).toBe(0);
    expect(error.message).toMatch(/refused, nothing was sent/);

    await expect(inFlight).resolves.toMatchObject({ status: 200 });
    await closing;
    expect(fixture.emulator.requests.map((r) => r.params.id)).toEqual(['before']);
    expect(fixture.emulator.received).toBe(1);
    // And after close completed, still refused.
    await expect(engage.service.status.markAsRead({ id: 'later' })).rejects.toBeInstanceOf(EngageShutdownError);
    expect(fixture.emulator.received).toBe(1);
    engage = undefined;
  });

  it('sends that cannot finish: close completes within ~shutdownGraceMs, in-flight and queued sends reject with EngageShutdownError', async () => {
    engage = await fixture.create({ maxInFlight: 1, maxQueue: 5, shutdownGraceMs: 300, retry: false });
    fixture.emulator.injectFaults({ delayMs: 10_000 }, 1);
    const inFlight = settle(engage.service.status.markAsRead({ id: 'stuck' }));
    const queued = [settle(engage.service.status.markAsRead({ id: 'q1' })), settle(engage.service.messages.create(aMessage({ id: 'q2' }) as never))];
    await until(() => fixture.emulator.received === 1);
    expect(engage.service.inFlight).toBe(1);
    expect(engage.service.queued).toBe(2);

    const started = performance.now();
    await engage.close();
    const closeMs = performance.now() - started;
    expect(closeMs).toBeGreaterThanOrEqual(300 - 5);
    expect(closeMs).toBeLessThan(300 + 400);

    const stuck = await inFlight;
    expect(stuck.ok).toBe(false);
    const stuckError = (stuck as { error: EngageSendError }).error;
    expect(stuckError).toBeInstanceOf(EngageShutdownError);
    expect(stuckError.attempts).toBe(1);
    expect(stuckError.message).toMatch(/aborted after the grace period; the request had been sent, so Engage may have stored it/);
    expect((stuckError as EngageShutdownError).mayHaveBeenDelivered).toBe(true);
    for (const outcome of await Promise.all(queued)) {
      expect(outcome.ok).toBe(false);
      const error = (outcome as { error: EngageSendError }).error;
      expect(error).toBeInstanceOf(EngageShutdownError);
      expect(error.attempts).toBe(0);
      expect(error.message).toMatch(/aborted after the grace period; nothing was sent/);
      expect((error as EngageShutdownError).mayHaveBeenDelivered).toBe(false);
    }
    // The queued ones were never sent; nothing is left running.
    expect(fixture.emulator.received).toBe(1);
    expect(fixture.emulator.requests).toHaveLength(0);
    expect(engage.service.inFlight).toBe(0);
    expect(engage.service.queued).toBe(0);
    expect(engage.logger.lines.some((line) => line.includes('shutdown grace period (300 ms) over'))).toBe(true);
    engage = undefined;
  });

  it('a send waiting out a retry backoff when the grace period ends rejects with EngageShutdownError', async () => {
    engage = await fixture.create({ shutdownGraceMs: 200, retry: { baseDelayMs: 4_000 } });
    fixture.emulator.injectFaults({ status: 503 }, 1);
    const send = settle(engage.service.status.markAsRead({ id: 'backoff' }));
    await sleep(50);
    const started = performance.now();
    await engage.close();
    expect(performance.now() - started).toBeLessThan(200 + 400);
    const outcome = await send;
    expect(outcome.ok).toBe(false);
    expect((outcome as { error: EngageSendError }).error).toBeInstanceOf(EngageShutdownError);
    expect((outcome as { error: EngageSendError }).error.attempts).toBe(1);
    expect(fixture.emulator.received).toBe(1);
    engage = undefined;
  });

  it('a Nest application: app.close() runs the same shutdown (in-flight send finishes, later sends refused)', async () => {
    const built = await fixture.create({ shutdownGraceMs: 3_000, retry: false });
    const app: INestApplication = built.moduleRef.createNestApplication({ logger: false });
    await app.init();
    const service = app.get(EngageSendService);
    fixture.emulator.injectFaults({ delayMs: 200 }, 1);
    const inFlight = service.status.markAsRead({ id: 'app-1' });
    await sleep(20);
    const closing = app.close();
    await closeHasBegun();
    await expect(service.status.markAsRead({ id: 'app-2' })).rejects.toBeInstanceOf(EngageShutdownError);
    await expect(inFlight).resolves.toMatchObject({ status: 200 });
    await closing;
    expect(fixture.emulator.requests.map((r) => r.params.id)).toEqual(['app-1']);
  });
});

describe('caller abort (signal)', () => {
  const fixture = emulatorFixture();
  let engage: Engage;

  it('aborted while in flight: EngageAbortedError with attempts 1, at once, slot released', async () => {
    engage = await fixture.create({ retry: false });
    fixture.emulator.injectFaults({ delayMs: 5_000 }, 1);
    const controller = new AbortController();
    const send = rejectionOf(engage.service.messages.create(aMessage() as never, { signal: controller.signal }));
    await until(() => fixture.emulator.received === 1);
    expect(engage.service.inFlight).toBe(1);
    const abortedAt = performance.now();
    controller.abort();
    const error = (await send) as EngageSendError;
    expect(performance.now() - abortedAt).toBeLessThan(500);
    expect(error).toBeInstanceOf(EngageAbortedError);
    expect(error.code).toBe(EngageErrorCode.ABORTED);
    expect(error.attempts).toBe(1);
    // The request had reached Engage: the error says it may have been stored.
    expect((error as EngageAbortedError).mayHaveBeenDelivered).toBe(true);
    expect(error.message).toContain('Engage may have stored it');
    expect(engage.service.inFlight).toBe(0);
    // Not retried, even though the policy would retry a timeout or reset.
    expect(fixture.emulator.received).toBe(1);
  });

  it('aborted while retries are pending (default policy): not retried further', async () => {
    engage = await fixture.create({ retry: { baseDelayMs: 4_000 } });
    fixture.emulator.injectFaults({ status: 503 }, 1);
    const controller = new AbortController();
    const send = rejectionOf(engage.service.status.markAsRead({ id: 'x' }, { signal: controller.signal }));
    await sleep(50);
    controller.abort();
    const error = (await send) as EngageSendError;
    expect(error).toBeInstanceOf(EngageAbortedError);
    expect(error.attempts).toBe(1);
    expect(fixture.emulator.received).toBe(1);
  });

  it('aborted while queued: EngageAbortedError with attempts 0, removed from the queue, never sent, no slot leaked', async () => {
    engage = await fixture.create({ maxInFlight: 1, maxQueue: 5, retry: false });
    fixture.emulator.injectFaults({ delayMs: 250 }, 1);
    const first = engage.service.status.markAsRead({ id: 'first' });
    const controller = new AbortController();
    const queued = rejectionOf(engage.service.status.markAsRead({ id: 'queued' }, { signal: controller.signal }));
    const behind = engage.service.status.markAsRead({ id: 'behind' });
    await sleep(30);
    expect(engage.service.queued).toBe(2);
    controller.abort();
    const error = (await queued) as EngageSendError;
    expect(error).toBeInstanceOf(EngageAbortedError);
    expect(error.attempts).toBe(0);
    expect(engage.service.queued).toBe(1);
    await first;
    await behind;
    expect(fixture.emulator.requests.map((r) => r.params.id)).toEqual(['first', 'behind']);
    expect(engage.service.inFlight).toBe(0);
    expect(engage.service.queued).toBe(0);
  });

  it('an already-aborted signal with a free slot: EngageAbortedError, nothing sent', async () => {
    engage = await fixture.create({ retry: false });
    const error = await rejectionOf(engage.service.status.markAsRead({ id: 'x' }, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(EngageAbortedError);
    expect((error as EngageAbortedError).attempts).toBe(0);
    expect(fixture.emulator.received).toBe(0);
    expect(engage.service.inFlight).toBe(0);
  });

  it('an already-aborted signal behind a busy slot fails at once, without queueing', async () => {
    engage = await fixture.create({ maxInFlight: 1, retry: false });
    fixture.emulator.injectFaults({ delayMs: 1_000 }, 1);
    const busy = engage.service.status.markAsRead({ id: 'busy' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const error = await rejectionOf(engage.service.status.markAsRead({ id: 'x' }, { signal: AbortSignal.abort() }));
    expect(performance.now() - started).toBeLessThan(200);
    expect(error).toBeInstanceOf(EngageAbortedError);
    expect((error as EngageAbortedError).attempts).toBe(0);
    expect(engage.service.queued).toBe(0);
    await busy;
  });

  it('per-call retry options are validated like module ones', async () => {
    engage = await fixture.create({});
    const error = await rejectionOf(engage.service.status.markAsRead({ id: 'x' }, { retry: { retries: Number.NaN } }));
    expect(error).toBeInstanceOf(EngageValidationError);
    expect((error as EngageValidationError).errors.map((e) => e.path)).toEqual(['options.retry.retries']);
    expect(fixture.emulator.received).toBe(0);
  });
});
