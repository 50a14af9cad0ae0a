import { describe, expect, it } from '@jest/globals';

import { BoundedIdSet } from '../../src/testing/bounded-id-set.js';

describe('BoundedIdSet', () => {
  it('forgets the oldest id past its size, and a re-added id counts as new', () => {
    const ids = new BoundedIdSet(2);
    ids.add('a').add('b').add('a').add('c');
    expect([ids.has('a'), ids.has('b'), ids.has('c'), ids.size]).toEqual([true, false, true, 2]);
  });

  it('keeps long ids exactly, by digest', () => {
    const ids = new BoundedIdSet(10);
    const long = 'x'.repeat(10_000);
    ids.add(long);
    expect([ids.has(long), ids.has(`${long}y`), ids.has('x'.repeat(64))]).toEqual([true, false, false]);
    expect(ids.delete(long)).toBe(true);
    expect(ids.has(long)).toBe(false);
  });
});
