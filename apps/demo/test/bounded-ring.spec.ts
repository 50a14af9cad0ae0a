import { describe, expect, it } from '@jest/globals';
import { BoundedRing } from '../src/inspector/bounded-ring.js';
import { clip, idsOf } from '../src/inspector/inspector-entry.js';
import { INSPECTOR_CAPACITY, InspectorFeed } from '../src/inspector/inspector-feed.service.js';

describe('BoundedRing', () => {
  it('keeps the last `capacity` items, oldest first', () => {
    const ring = new BoundedRing<number>(3);
    expect(ring.toArray()).toEqual([]);
    for (let i = 1; i <= 2; i++) ring.push(i);
    expect(ring.toArray()).toEqual([1, 2]);
    for (let i = 3; i <= 10; i++) ring.push(i);
    expect(ring.toArray()).toEqual([8, 9, 10]);
    expect(ring.size).toBe(3);
  });

  it.each([0, -1, 1.5])('refuses a capacity of %p', (capacity) => {
    expect(() => new BoundedRing(capacity)).toThrow(RangeError);
  });
});

describe('InspectorFeed', () => {
  it(`keeps ${INSPECTOR_CAPACITY} entries of a few hundred bytes, whatever was sent`, () => {
    const feed = new InspectorFeed();
    const huge = 'x'.repeat(1_000_000);
    for (let i = 0; i < 5_000; i++) {
      feed.record({
        kind: 'sent',
        at: new Date().toISOString(),
        route: 'POST /messages',
        action: 'messages.create',
        ids: idsOf({ id: huge, thread_id: huge, in_reply_to_id: huge, author: { id: huge }, recipient: { id: huge }, body: huge }),
        status: 400,
        outcome: clip(huge),
        durationMs: 1,
      });
    }
    const entries = feed.entries();
    expect(entries).toHaveLength(INSPECTOR_CAPACITY);
    expect(entries[0]!.seq).toBe(5_000 - INSPECTOR_CAPACITY + 1);
    expect(Math.max(...entries.map((e) => JSON.stringify(e).length))).toBeLessThan(1_000);
    expect(feed.entries(4_990).map((e) => e.seq)).toEqual([4_991, 4_992, 4_993, 4_994, 4_995, 4_996, 4_997, 4_998, 4_999, 5_000]);
  });

  it('reads ids from params of any shape, and nothing else', () => {
    expect(idsOf({ id: 'm-1', thread_id: 7, author: { id: 'u-1', screenname: 'Jane' }, recipient: 'not an object', body: 'secret' })).toEqual({
      id: 'm-1',
      thread_id: '7',
      author: 'u-1',
    });
    expect(idsOf(null)).toEqual({});
    expect(idsOf([1, 2])).toEqual({});
  });
});
