import { afterEach, describe, expect, it } from '@jest/globals';

import { TypingRateLimiter } from '../../src/testing/typing-rate-limiter.js';
import { EmulatorPool, envelope, post, SOURCE } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

const TOO_MANY = 'too many typing requests, please try again in a few seconds';

/** An emulator on a clock the test moves by hand. */
async function startWithClock(options: { typingWindowMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const started = await pool.start({ now: () => clock.now, ...options });
  const start = (params: Record<string, unknown>, sourceId = SOURCE.id, token = SOURCE.accessToken) =>
    post(started.baseUrl, envelope('typing.start', { preview: 'typing…', ...params }), { sourceId, token });
  const stop = (params: Record<string, unknown>) => post(started.baseUrl, envelope('typing.stop', params));
  return { ...started, clock, start, stop };
}

describe('EngageEmulator typing.start rate limit', () => {
  it('allows one typing.start per thread per 2 s, answering 429 without Retry-After above it', async () => {
    const { emulator, clock, start } = await startWithClock();
    expect((await start({ thread_id: '42' })).status).toBe(200);
    clock.now += 1_999;
    const limited = await start({ thread_id: '42' });
    expect([limited.status, limited.body]).toEqual([429, TOO_MANY]);
    expect(limited.headers['retry-after']).toBeUndefined();
    expect(emulator.refused).toEqual([{ sourceId: SOURCE.id, action: 'typing.start', status: 429, message: TOO_MANY }]);
    clock.now += 1;
    expect((await start({ thread_id: '42' })).status).toBe(200);
  });

  it('does not let a refused typing.start restart the window', async () => {
    const { clock, start } = await startWithClock();
    await start({ thread_id: '42' });
    clock.now += 1_500;
    expect((await start({ thread_id: '42' })).status).toBe(429);
    clock.now += 500;
    expect((await start({ thread_id: '42' })).status).toBe(200);
  });

  it('resets the window on typing.stop for that thread', async () => {
    const { clock, start, stop } = await startWithClock();
    expect((await start({ thread_id: '42' })).status).toBe(200);
    clock.now += 100;
    expect((await stop({ thread_id: '42' })).body).toBe('ok');
    clock.now += 100;
    expect((await start({ thread_id: '42' })).status).toBe(200);
    // …but a stop for another thread does not.
    clock.now += 100;
    await stop({ thread_id: '43' });
    expect((await start({ thread_id: '42' })).status).toBe(429);
  });

  it('counts per thread: thread_id wins over in_reply_to_id, in_reply_to_id is the key when alone', async () => {
    const { start } = await startWithClock();
    expect((await start({ thread_id: '42', in_reply_to_id: '890' })).status).toBe(200);
    expect((await start({ thread_id: '43', in_reply_to_id: '890' })).status).toBe(200);
    expect((await start({ in_reply_to_id: '890' })).status).toBe(200);
    expect((await start({ in_reply_to_id: '890' })).status).toBe(429);
    expect((await start({ thread_id: '42' })).status).toBe(429);
  });

  it('counts per source', async () => {
    const other = { id: 'src-2', accessToken: 'token-2' };
    const { emulator, start } = await startWithClock();
    emulator.addSource(other);
    expect((await start({ thread_id: '42' })).status).toBe(200);
    expect((await start({ thread_id: '42' }, other.id, other.accessToken)).status).toBe(200);
    expect((await start({ thread_id: '42' })).status).toBe(429);
  });

  it('honours typingWindowMs and forgets typing state on reset()', async () => {
    const { emulator, clock, start } = await startWithClock({ typingWindowMs: 10_000 });
    await start({ thread_id: '42' });
    clock.now += 9_999;
    expect((await start({ thread_id: '42' })).status).toBe(429);
    emulator.reset();
    expect((await start({ thread_id: '42' })).status).toBe(200);
  });
});

describe('TypingRateLimiter memory', () => {
  it('expires threads whose window is over, so the map stays bounded', () => {
    const limiter = new TypingRateLimiter(2_000);
    for (let thread = 0; thread < 5_000; thread++) expect(limiter.tryStart(`t${thread}`, thread)).toBe(true);
    // At t=4999 only starts from the last 2 s (t ≥ 2999) can still matter.
    expect(limiter.size).toBeLessThanOrEqual(2_001);
    expect(limiter.tryStart('late', 100_000)).toBe(true);
    expect(limiter.size).toBe(1);
  });

  it('keeps a re-started thread in its newest position', () => {
    const limiter = new TypingRateLimiter(2_000);
    limiter.tryStart('a', 0);
    limiter.tryStart('b', 1_000);
    limiter.tryStart('a', 2_000); // window over: allowed, moves to the back
    expect(limiter.tryStart('b', 2_500)).toBe(false);
    expect(limiter.tryStart('a', 3_500)).toBe(false);
    expect(limiter.tryStart('b', 3_000)).toBe(true);
  });

  it('rejects a negative or non-finite window', () => {
    expect(() => new TypingRateLimiter(-1)).toThrow(RangeError);
    expect(() => new TypingRateLimiter(Number.NaN)).toThrow(RangeError);
  });
});

describe('EngageEmulator typing keys: a message names its thread', () => {
  it('a typing event naming only a stored message counts against that message\'s thread', async () => {
    const { baseUrl, clock, start, stop } = await startWithClock();
    const message = { id: 'm-1', thread_id: 't-1', author: { id: 'u', screenname: 'U' }, body: 'hi' };
    expect((await post(baseUrl, envelope('messages.create', message))).status).toBe(200);
    expect((await start({ thread_id: 't-1' })).status).toBe(200);
    expect((await start({ in_reply_to_id: 'm-1' })).status).toBe(429);
    // A stop naming the message resets its thread's window.
    expect((await stop({ in_reply_to_id: 'm-1' })).status).toBe(200);
    expect((await start({ thread_id: 't-1' })).status).toBe(200);
    clock.now += 2_000;
    // A message it never stored is its own key.
    expect((await start({ in_reply_to_id: 'm-unknown' })).status).toBe(200);
    expect((await start({ in_reply_to_id: 'm-unknown' })).status).toBe(429);
  });
});
