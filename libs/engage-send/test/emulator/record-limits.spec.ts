import { createHash } from 'node:crypto';

import { afterEach, describe, expect, it } from '@jest/globals';

import { DEFAULT_EMULATOR_LIMITS, EngageEmulator, type AcceptedSend } from '../../src/testing/index.js';
import { EmulatorPool, envelope, messageOfSize, post, SOURCE, VALID_PARAMS } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');
const markRead = (id: string): string => envelope('status.mark_as_read', { id });

describe('EngageEmulator record limits', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_EMULATOR_LIMITS).toEqual({
      maxEntries: 10_000,
      maxRecordedBytes: 64 * 1024 * 1024,
      maxKeptBodyBytes: 1024 * 1024,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
    });
  });

  it('drops the oldest entries past maxEntries, in place, while the counters keep counting', async () => {
    const { emulator, baseUrl } = await pool.start({ limits: { maxEntries: 3 } });
    const { requests, refused, log } = emulator;
    for (const id of ['a', 'b', 'c', 'd', 'e']) await post(baseUrl, markRead(id));
    for (let i = 0; i < 4; i++) await post(baseUrl, markRead('x'), { signature: 'bad' });

    expect(emulator.requests.map((request) => request.params['id'])).toEqual(['c', 'd', 'e']);
    expect(emulator.refused).toHaveLength(3);
    expect(emulator.log).toHaveLength(3);
    expect([emulator.received, emulator.acceptedCount, emulator.refusedCount]).toEqual([9, 5, 4]);
    // Trimmed in place: references a test holds stay live.
    expect([emulator.requests === requests, emulator.refused === refused, emulator.log === log]).toEqual([true, true, true]);

    emulator.reset();
    expect([emulator.received, emulator.acceptedCount, emulator.refusedCount, requests.length]).toEqual([0, 0, 0, 0]);
  });

  it('drops the oldest records past maxRecordedBytes, but never the newest', async () => {
    const { emulator, baseUrl } = await pool.start({ limits: { maxRecordedBytes: 1 } });
    for (const id of ['a', 'b', 'c']) await post(baseUrl, markRead(id));
    expect(emulator.requests.map((request) => request.params['id'])).toEqual(['c']);
    expect(emulator.acceptedCount).toBe(3);
  });

  it('keeps a body up to maxKeptBodyBytes whole, and a larger one by size, digest and short top-level values', async () => {
    const { emulator, baseUrl } = await pool.start({ limits: { maxKeptBodyBytes: 10_000 } });
    const small = messageOfSize(10_000, 'small');
    const large = messageOfSize(10_001, 'large');
    await post(baseUrl, small);
    await post(baseUrl, large);

    const [kept, digested] = emulator.requests;
    expect(kept).toMatchObject({ bodyBytes: 10_000, bodySha256: sha256(small), bodyKept: true });
    expect(kept?.rawBody.equals(small)).toBe(true);
    expect(kept?.params['author']).toEqual(VALID_PARAMS['messages.create']!['author']);

    expect(digested).toMatchObject({ bodyBytes: 10_001, bodySha256: sha256(large), bodyKept: false, action: 'messages.create' });
    expect(digested?.rawBody).toHaveLength(0);
    // Ids survive; the 9 KB text body and the nested author do not.
    expect(digested?.params).toEqual({ id: 'large', thread_id: '42' });
    expect(digested?.signature).toHaveLength(128);
  });

  it('summarises params without letting a __proto__ key through or keeping long keys', async () => {
    const { emulator, baseUrl } = await pool.start({ limits: { maxKeptBodyBytes: 0 } });
    const longKey = 'k'.repeat(65);
    await post(baseUrl, `{"action":"status.mark_as_read","params":{"id":"m1","__proto__":"p","${longKey}":1,"flag":true,"none":null}}`);
    const params = emulator.requests[0]?.params;
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.keys(params ?? {})).toEqual(['id', '__proto__', 'flag', 'none']);
  });

  it('cuts long source ids and actions in refusals, and long paths in the log', async () => {
    const { emulator, baseUrl } = await pool.start();
    const longSource = 's'.repeat(5_000);
    const longAction = 'a'.repeat(100_000);
    await post(baseUrl, markRead('1'), { sourceId: longSource });
    await post(baseUrl, envelope(longAction, {}));
    expect(emulator.refused).toEqual([
      { sourceId: `${longSource.slice(0, 1024)}…`, status: 422, message: 'Source not found' },
      // At most 256 characters (the checks may cut it shorter first).
      { sourceId: SOURCE.id, action: expect.stringMatching(/^a{1,256}…?$/), status: 422, message: 'Invalid action' },
    ]);
    expect(emulator.log[0]?.path).toBe(`/realtime/sdk/${longSource}`.slice(0, 1024) + '…');
  });

  it('accepted(action) lists the accepted requests of one action, typed by the action', async () => {
    const { emulator, baseUrl } = await pool.start();
    await post(baseUrl, envelope('messages.create', VALID_PARAMS['messages.create']!));
    await post(baseUrl, markRead('m1'));
    await post(baseUrl, envelope('users.create', VALID_PARAMS['users.create']!));

    const [message, ...others] = emulator.accepted('messages.create');
    expect(others).toEqual([]);
    // Typed: `thread_id` and `author.screenname` are fields of MessagesCreateParams.
    const threadId: string | undefined = message?.params.thread_id;
    expect([threadId, message?.params.author?.screenname]).toEqual(['t1', 'John Doe']);
    // A Date is sent as its ISO string: the received type has no Date in it (this would not compile otherwise).
    const createdAt: string | number | undefined = emulator.accepted('users.create')[0]!.params.created_at;
    expect(createdAt).toBe('2012-02-10');

    const all: AcceptedSend[] = emulator.accepted();
    expect(all.map((send) => send.action)).toEqual(['messages.create', 'status.mark_as_read', 'users.create']);
    expect(all[1]).toBe(emulator.requests[1]);
  });

  it.each([
    ['maxEntries', 'negative', { maxEntries: -1 }],
    ['maxRecordedBytes', 'fractional', { maxRecordedBytes: 1.5 }],
    ['maxKeptBodyBytes', 'infinite', { maxKeptBodyBytes: Infinity }],
    ['headersTimeoutMs', 'zero', { headersTimeoutMs: 0 }],
    ['requestTimeoutMs', 'NaN', { requestTimeoutMs: Number.NaN }],
    ['headersTimeoutMs', 'above requestTimeoutMs', { headersTimeoutMs: 2_000, requestTimeoutMs: 1_000 }],
  ])('refuses a %s that is %s with a RangeError naming it', (field, _why, limits) => {
    expect(() => new EngageEmulator({ sources: [SOURCE], limits })).toThrow(RangeError);
    expect(() => new EngageEmulator({ sources: [SOURCE], limits })).toThrow(field);
  });

  it('accepts Infinity for the count and byte limits (keep everything)', async () => {
    const { emulator, baseUrl } = await pool.start({ limits: { maxEntries: Infinity, maxRecordedBytes: Infinity } });
    for (let i = 0; i < 3; i++) await post(baseUrl, markRead(String(i)));
    expect(emulator.requests).toHaveLength(3);
  });
});
