import { describe, expect, it } from '@jest/globals';
import { AgentReplyDeduplicator, InMemoryIdempotencyStore, type EngageCreatedContent, type EngageIdempotencyStore } from '../../src/index.js';

/** A create that counts its calls and returns `reply-<n>`. */
function counter() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    create: async (): Promise<EngageCreatedContent> => ({ id: `reply-${++calls}` }),
  };
}

describe('AgentReplyDeduplicator', () => {
  it('a content delivered again (retry: true) is not created twice: the first answer is given again', async () => {
    const replies = new AgentReplyDeduplicator();
    const made = counter();
    const first = await replies.once({ content_id: 'c-1' }, made.create);
    const again = await replies.once({ content_id: 'c-1' }, made.create);
    expect(again).toEqual(first);
    expect(made.calls).toBe(1);
    expect(await replies.once({ content_id: 'c-2' }, made.create)).toEqual({ id: 'reply-2' });
  });

  it('a delivery arriving while the first is still being created waits for it', async () => {
    const replies = new AgentReplyDeduplicator();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slow = async () => {
      calls++;
      await gate;
      return { id: 'slow-reply' };
    };
    const first = replies.once({ content_id: 'c-1' }, slow);
    const second = replies.once({ content_id: 'c-1' }, slow);
    release();
    expect(await Promise.all([first, second])).toEqual([{ id: 'slow-reply' }, { id: 'slow-reply' }]);
    expect(calls).toBe(1);
  });

  it('a failed creation is not remembered: the retry creates', async () => {
    const replies = new AgentReplyDeduplicator();
    await expect(replies.once({ content_id: 'c-1' }, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await replies.once({ content_id: 'c-1' }, () => ({ id: 'r-2' }))).toEqual({ id: 'r-2' });
  });

  it('without content_id, simply creates', async () => {
    const replies = new AgentReplyDeduplicator();
    const made = counter();
    await replies.once({}, made.create);
    await replies.once({ content_id: null }, made.create);
    expect(made.calls).toBe(2);
  });

  it('uses the store it is given (e.g. one shared between processes)', async () => {
    const shared = new Map<string, EngageCreatedContent>();
    const store: EngageIdempotencyStore = {
      get: async (key) => shared.get(key),
      set: async (key, value) => void shared.set(key, value),
    };
    const made = counter();
    await new AgentReplyDeduplicator(store).once({ content_id: 'c-1' }, made.create);
    // Another process, the same store.
    expect(await new AgentReplyDeduplicator(store).once({ content_id: 'c-1' }, made.create)).toEqual({ id: 'reply-1' });
    expect(made.calls).toBe(1);
  });
});

describe('InMemoryIdempotencyStore', () => {
  it('is bounded in count: the oldest entries go first', () => {
    const store = new InMemoryIdempotencyStore({ maxEntries: 3 });
    for (let i = 1; i <= 5; i++) store.set(`c-${i}`, { id: `r-${i}` });
    expect(store.size).toBe(3);
    expect(['c-1', 'c-2', 'c-3', 'c-4', 'c-5'].map((key) => store.get(key)?.id)).toEqual([undefined, undefined, 'r-3', 'r-4', 'r-5']);
  });

  it('is bounded in time', () => {
    let now = 0;
    const store = new InMemoryIdempotencyStore({ ttlMs: 1000, now: () => now });
    store.set('c-1', { id: 'r-1' });
    now = 999;
    expect(store.get('c-1')).toEqual({ id: 'r-1' });
    now = 1000;
    expect(store.get('c-1')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('keeps its memory flat under endless traffic', () => {
    const store = new InMemoryIdempotencyStore();
    for (let i = 0; i < 50_000; i++) store.set(`c-${i}`, { id: `r-${i}` });
    expect(store.size).toBe(10_000);
  });

  it.each([{ maxEntries: 0 }, { ttlMs: -1 }, { maxEntries: 1.5 }])('refuses %j', (options) => {
    expect(() => new InMemoryIdempotencyStore(options)).toThrow(TypeError);
  });
});
