import { beforeEach, describe, expect, it } from '@jest/globals';
import { EngageRateLimitError, EngageServerError, type EngageSendError, type EngageSendResult } from '../../src/index.js';

import { emulatorFixture, type Engage, rejectionOf, sleep } from './reliability-kit.js';

// Client-side pacing of typing.start against the emulator, which enforces
// Engage's rule (one start per thread every 2 s, reset by typing.stop) and
// answers 429 above it.

const ENGAGE_429 = 'too many typing requests, please try again in a few seconds';

describe('typing pacing over loopback', () => {
  const fixture = emulatorFixture();
  let engage: Engage;

  const starts = () => fixture.emulator.requests.filter((r) => r.action === 'typing.start');

  describe("'coalesce' (default)", () => {
    beforeEach(async () => {
      engage = await fixture.create({ retry: false });
    });

    it('20 concurrent starts on one thread: 1 request, the 19 others resolve { coalesced: true, attempts: 0 }', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => engage.service.typing.start({ thread_id: 'burst', preview: `h${i}` })));
      expect(fixture.emulator.received).toBe(1);
      expect(starts().map((r) => r.params.preview)).toEqual(['h0']);
      const sent = results.filter((r) => !r.coalesced);
      const coalesced = results.filter((r) => r.coalesced);
      expect(sent).toEqual([expect.objectContaining({ status: 200, attempts: 1, coalesced: false })]);
      expect(coalesced).toHaveLength(19);
      for (const r of coalesced) expect(r).toMatchObject({ action: 'typing.start', status: undefined, attempts: 0, coalesced: true });
    });

    it('20 sequential starts within the window: 1 request', async () => {
      const results: EngageSendResult<'typing.start'>[] = [];
      for (let i = 0; i < 20; i++) results.push(await engage.service.typing.start({ thread_id: 'seq', preview: `h${i}` }));
      expect(fixture.emulator.received).toBe(1);
      expect(results[0]).toMatchObject({ coalesced: false, attempts: 1 });
      expect(results.slice(1).every((r) => r.coalesced && r.attempts === 0)).toBe(true);
      expect(fixture.emulator.refused).toHaveLength(0);
    });

    it('typing.stop with only in_reply_to_id resets the thread of a message sent earlier, in the client and in Engage', async () => {
      await engage.service.messages.create({ id: 'm-42', thread_id: 'by-reply', author: { id: 'u', screenname: 'U' }, body: 'hi' });
      await engage.service.typing.start({ thread_id: 'by-reply', preview: 'a' });
      // The same thread, named through the message: paced as one.
      expect(await engage.service.typing.start({ in_reply_to_id: 'm-42', preview: 'b' })).toMatchObject({ coalesced: true });
      await engage.service.typing.stop({ in_reply_to_id: 'm-42' });
      const next = await engage.service.typing.start({ thread_id: 'by-reply', preview: 'c' });
      expect(next).toMatchObject({ coalesced: false, attempts: 1, status: 200 });
      expect(fixture.emulator.requests.map((r) => r.action)).toEqual(['messages.create', 'typing.start', 'typing.stop', 'typing.start']);
      expect(fixture.emulator.refused).toHaveLength(0);
    });

    it('typing.stop resets: the next start is sent at once, and Engage accepts it', async () => {
      await engage.service.typing.start({ thread_id: 'stop', preview: 'a' });
      await engage.service.typing.stop({ thread_id: 'stop' });
      const next = await engage.service.typing.start({ thread_id: 'stop', preview: 'b' });
      expect(next).toMatchObject({ coalesced: false, attempts: 1, status: 200 });
      expect(fixture.emulator.requests.map((r) => r.action)).toEqual(['typing.start', 'typing.stop', 'typing.start']);
      expect(fixture.emulator.refused).toHaveLength(0);
    });

    it('threads are paced independently', async () => {
      await engage.service.typing.start({ thread_id: 'one', preview: 'a' });
      const other = await engage.service.typing.start({ thread_id: 'two', preview: 'a' });
      expect(other.coalesced).toBe(false);
      expect(starts()).toHaveLength(2);
    });

    it('keys: thread_id wins over in_reply_to_id; in_reply_to_id alone is its own key', async () => {
      const results = [
        await engage.service.typing.start({ thread_id: 'T', in_reply_to_id: 'R1', preview: 'a' }), // sent (key T)
        await engage.service.typing.start({ thread_id: 'T', in_reply_to_id: 'R2', preview: 'b' }), // coalesced (key T)
        await engage.service.typing.start({ in_reply_to_id: 'R1', preview: 'c' }), // sent (key R1)
        await engage.service.typing.start({ in_reply_to_id: 'R1', preview: 'd' }), // coalesced (key R1)
        await engage.service.typing.start({ in_reply_to_id: 'R2', preview: 'e' }), // sent: R2 came with thread T, so it was keyed by T
      ];
      expect(results.map((r) => r.coalesced)).toEqual([false, true, false, true, false]);
      expect(starts().map((r) => r.params.preview)).toEqual(['a', 'c', 'e']);
      expect(fixture.emulator.refused).toHaveLength(0);
    });

    it('a stop keyed by in_reply_to_id resets that key only', async () => {
      await engage.service.typing.start({ in_reply_to_id: 'R', preview: 'a' });
      await engage.service.typing.start({ thread_id: 'T', preview: 'a' });
      await engage.service.typing.stop({ in_reply_to_id: 'R' });
      expect((await engage.service.typing.start({ in_reply_to_id: 'R', preview: 'b' })).coalesced).toBe(false);
      expect((await engage.service.typing.start({ thread_id: 'T', preview: 'b' })).coalesced).toBe(true);
    });

    it('a failed start does not block the next one', async () => {
      fixture.emulator.injectFaults({ status: 503 }, 1);
      const error = await rejectionOf(engage.service.typing.start({ thread_id: 'fail', preview: 'a' }));
      expect(error).toBeInstanceOf(EngageServerError);
      const next = await engage.service.typing.start({ thread_id: 'fail', preview: 'b' });
      expect(next).toMatchObject({ coalesced: false, attempts: 1, status: 200 });
      expect(fixture.emulator.received).toBe(2);
    });

    it('starts arriving while the first is in flight are coalesced, and the window runs from its answer', async () => {
      fixture.emulator.injectFaults({ delayMs: 200 }, 1);
      const first = engage.service.typing.start({ thread_id: 'slow', preview: 'a' });
      await sleep(50);
      expect(await engage.service.typing.start({ thread_id: 'slow', preview: 'b' })).toMatchObject({ coalesced: true });
      await first;
      expect(await engage.service.typing.start({ thread_id: 'slow', preview: 'c' })).toMatchObject({ coalesced: true });
      expect(fixture.emulator.received).toBe(1);
    });

    it('after the 2 s window a new start IS sent (and Engage accepts it)', async () => {
      await engage.service.typing.start({ thread_id: 'later', preview: 'a' });
      await sleep(2_050);
      const again = await engage.service.typing.start({ thread_id: 'later', preview: 'b' });
      expect(again).toMatchObject({ coalesced: false, attempts: 1, status: 200 });
      expect(starts()).toHaveLength(2);
      expect(fixture.emulator.refused).toHaveLength(0);
    });
  });

  describe("'error'", () => {
    it('a start inside the window rejects with EngageRateLimitError (attempts 0, nothing sent)', async () => {
      engage = await fixture.create({ typingPacing: 'error', retry: false });
      await engage.service.typing.start({ thread_id: 'err', preview: 'a' });
      const error = (await rejectionOf(engage.service.typing.start({ thread_id: 'err', preview: 'b' }))) as EngageRateLimitError;
      expect(error).toBeInstanceOf(EngageRateLimitError);
      expect(error.attempts).toBe(0);
      expect(error.status).toBeUndefined();
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.retryAfterMs).toBeLessThanOrEqual(2_000);
      expect(fixture.emulator.received).toBe(1);
      // Another thread is not affected.
      expect((await engage.service.typing.start({ thread_id: 'err-2', preview: 'a' })).coalesced).toBe(false);
    });
  });

  describe("'off'", () => {
    it("no client-side pacing: the second start reaches Engage, whose 429 comes through", async () => {
      engage = await fixture.create({ typingPacing: 'off', retry: false });
      await engage.service.typing.start({ thread_id: 'off', preview: 'a' });
      const error = (await rejectionOf(engage.service.typing.start({ thread_id: 'off', preview: 'b' }))) as EngageSendError;
      expect(error).toBeInstanceOf(EngageRateLimitError);
      expect(error).toMatchObject({ status: 429, engageMessage: ENGAGE_429, attempts: 1 });
      expect(fixture.emulator.received).toBe(2);
      expect(fixture.emulator.refused).toEqual([expect.objectContaining({ status: 429, action: 'typing.start' })]);
    });
  });
});
