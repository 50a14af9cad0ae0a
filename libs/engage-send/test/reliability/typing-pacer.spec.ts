import { describe, expect, it } from '@jest/globals';
import { TypingPacer, type TypingTicket } from '../../src/reliability/typing-pacer.js';
import { TypingThreads } from '../../src/reliability/typing-threads.js';

// The pacer alone, on a clock the test controls.

class Clock {
  t = 1_000_000;
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

const isTicket = (admission: TypingTicket | { waitMs: number }): admission is TypingTicket => !('waitMs' in admission);

function admitted(pacer: TypingPacer, key: string): TypingTicket {
  const admission = pacer.admit(key);
  if (!isTicket(admission)) throw new Error(`expected ${key} to be admitted, got waitMs ${admission.waitMs}`);
  return admission;
}

describe('TypingPacer', () => {
  it('one start per thread per window, measured from when the previous one was answered', () => {
    const clock = new Clock();
    const pacer = new TypingPacer(2_000, 100, clock.now);
    const ticket = admitted(pacer, 't:1');
    // In flight: any other start waits a whole window.
    expect(pacer.admit('t:1')).toEqual({ waitMs: 2_000 });
    clock.advance(300);
    pacer.answered(ticket);
    clock.advance(500);
    expect(pacer.admit('t:1')).toEqual({ waitMs: 1_500 });
    clock.advance(1_499);
    expect(pacer.admit('t:1')).toEqual({ waitMs: 1 });
    clock.advance(1);
    expect(isTicket(pacer.admit('t:1'))).toBe(true);
  });

  it('threads are paced independently', () => {
    const clock = new Clock();
    const pacer = new TypingPacer(2_000, 100, clock.now);
    pacer.answered(admitted(pacer, 't:a'));
    expect(isTicket(pacer.admit('t:b'))).toBe(true);
    expect('waitMs' in pacer.admit('t:a')).toBe(true);
  });

  it('a failed start does not hold the window: the next one is admitted at once', () => {
    const pacer = new TypingPacer(2_000, 100, new Clock().now);
    pacer.failed(admitted(pacer, 't:1'));
    expect(pacer.size).toBe(0);
    expect(isTicket(pacer.admit('t:1'))).toBe(true);
  });

  it('reset (typing.stop) ends the window, also while a start is in flight, and a late answer does not restore it', () => {
    const clock = new Clock();
    const pacer = new TypingPacer(2_000, 100, clock.now);
    pacer.answered(admitted(pacer, 't:1'));
    pacer.reset('t:1');
    const inFlight = admitted(pacer, 't:1');
    pacer.reset('t:1');
    pacer.answered(inFlight); // answered after the stop: the reset stands
    expect(pacer.size).toBe(0);
    expect(isTicket(pacer.admit('t:1'))).toBe(true);
  });

  it('a stale ticket (the thread was reset and started again) neither clears nor moves the newer window', () => {
    const clock = new Clock();
    const pacer = new TypingPacer(2_000, 100, clock.now);
    const stale = admitted(pacer, 't:1');
    pacer.reset('t:1');
    const fresh = admitted(pacer, 't:1');
    pacer.failed(stale);
    expect('waitMs' in pacer.admit('t:1')).toBe(true);
    pacer.answered(fresh);
    clock.advance(1_000);
    pacer.answered(stale);
    expect(pacer.admit('t:1')).toEqual({ waitMs: 1_000 });
  });

  it('memory: 100 000 distinct threads on a frozen clock leave at most maxEntries entries', () => {
    const clock = new Clock();
    const pacer = new TypingPacer(2_000, 5_000, clock.now);
    let peak = 0;
    for (let i = 0; i < 100_000; i++) {
      pacer.answered(admitted(pacer, `t:${i}`));
      peak = Math.max(peak, pacer.size);
    }
    expect(peak).toBe(5_000);
    expect(pacer.size).toBe(5_000);
    // The newest are the ones kept; the oldest were forgotten (so admitted again).
    expect('waitMs' in pacer.admit('t:99999')).toBe(true);
    expect(isTicket(pacer.admit('t:0'))).toBe(true);
  });

  it('memory: with in-flight starts that are never answered, still at most maxEntries', () => {
    const pacer = new TypingPacer(2_000, 1_000, new Clock().now);
    for (let i = 0; i < 100_000; i++) admitted(pacer, `t:${i}`);
    expect(pacer.size).toBe(1_000);
  });

  it('memory: 100 000 threads, 1 ms apart, 2 s window: expired entries are swept, ≈2 000 remain live', () => {
    const clock = new Clock();
    const pacer = new TypingPacer(2_000, 50_000, clock.now);
    let peak = 0;
    for (let i = 0; i < 100_000; i++) {
      pacer.answered(admitted(pacer, `t:${i}`));
      peak = Math.max(peak, pacer.size);
      clock.advance(1);
    }
    // Entries answered within the last 2 000 ms: never near maxEntries.
    expect(peak).toBeLessThanOrEqual(2_001);
    expect(pacer.size).toBeGreaterThanOrEqual(1_999);
    expect(pacer.size).toBeLessThanOrEqual(2_001);
  });
});

describe('TypingThreads.keyFor: the thread a typing event is paced by', () => {
  const pacer = new TypingThreads(100);

  it('thread_id wins over in_reply_to_id (Engage’s rule)', () => {
    expect(pacer.keyFor({ thread_id: '42', in_reply_to_id: '890' })).toBe(pacer.keyFor({ thread_id: '42' }));
    expect(pacer.keyFor({ thread_id: '42', in_reply_to_id: '890' })).not.toBe(pacer.keyFor({ in_reply_to_id: '890' }));
  });

  it('a thread id and a reply-to id with the same text are different keys', () => {
    expect(pacer.keyFor({ thread_id: 'x' })).not.toBe(pacer.keyFor({ in_reply_to_id: 'x' }));
  });

  it('an empty thread_id falls back to in_reply_to_id', () => {
    expect(pacer.keyFor({ thread_id: '', in_reply_to_id: 'r' })).toBe(pacer.keyFor({ in_reply_to_id: 'r' }));
  });

  it('an in_reply_to_id whose thread is known is paced with that thread', () => {
    const known = new TypingThreads(100);
    known.remember('msg-890', 'thread-42');
    expect(known.keyFor({ in_reply_to_id: 'msg-890' })).toBe(known.keyFor({ thread_id: 'thread-42' }));
    expect(known.keyFor({ in_reply_to_id: 'msg-unknown' })).not.toBe(known.keyFor({ thread_id: 'thread-42' }));
  });

  it('remembers a bounded number of threads, forgetting the oldest', () => {
    const small = new TypingThreads(3);
    for (let i = 0; i < 10; i++) small.remember(`m${i}`, `t${i}`);
    expect(small.keyFor({ in_reply_to_id: 'm0' })).toBe(small.keyFor({ in_reply_to_id: 'm0' }));
    expect(small.keyFor({ in_reply_to_id: 'm0' })).not.toBe(small.keyFor({ thread_id: 't0' }));
    expect(small.keyFor({ in_reply_to_id: 'm9' })).toBe(small.keyFor({ thread_id: 't9' }));
  });

  it('never calls a value\'s own methods (it reads params before validation)', () => {
    expect(() => pacer.keyFor({ thread_id: { toString: 1 }, in_reply_to_id: { toString: 2 } })).not.toThrow();
  });
});

describe('a slow start does not hold back the sweep', () => {
  it('expired entries behind an in-flight start are still swept', () => {
    const clock = new Clock();
    const pacer = new TypingPacer(2_000, 100_000, clock.now);
    const slow = pacer.admit('slow');
    expect(isTicket(slow)).toBe(true);
    for (let i = 0; i < 30_000; i++) {
      const ticket = pacer.admit(`t-${i}`);
      if (isTicket(ticket)) pacer.answered(ticket);
      clock.advance(1);
    }
    // Only the last 2 s of answered threads, plus the one still in flight.
    expect(pacer.size).toBeLessThanOrEqual(2_002);
  });
});
