import { Agent } from 'node:http';

import { afterEach, describe, expect, it } from '@jest/globals';

import { DEFAULT_EMULATOR_LIMITS } from '../../src/testing/index.js';
import { retainedBytes } from '../support/retained-memory.js';
import { EmulatorPool, envelope, messageOfSize, post, runConcurrently, VALID_PARAMS } from './emulator-test-kit.js';

/*
 * The emulator runs embedded in long-lived apps (the demo) and standalone: what
 * it keeps must not grow with traffic. Each test measures the memory the
 * process retains (after a full GC) across a burst of traffic that would keep
 * hundreds of MB alive if everything were recorded.
 */

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

describe('EngageEmulator memory, embedded', () => {
  it('keeps large valid bodies by size and digest, not their bytes: 12 × 16 MB retain almost nothing', async () => {
    const { emulator, baseUrl } = await pool.start();
    const body = messageOfSize(16_000_000);
    const before = await retainedBytes();
    for (let i = 0; i < 12; i++) expect((await post(baseUrl, body)).body).toBe('ok');
    const grown = (await retainedBytes()) - before;

    // Kept whole, 12 × 16 MB would be ~380 MB (the bytes, and the same again as a parsed string).
    expect(grown).toBeLessThan(24e6);
    expect([emulator.acceptedCount, emulator.requests.length]).toEqual([12, 12]);
    expect(emulator.requests[11]).toMatchObject({ bodyBytes: 16_000_000, bodyKept: false, params: { id: 'big', thread_id: '42' } });
  }, 60_000);

  it('bounds the bytes of kept records by maxRecordedBytes, counting what parsed params really cost', async () => {
    // 300 KB of `{},` in an extra param: under maxKeptBodyBytes, but 100 000 objects (~6.4 MB) once parsed.
    const filler = `[${new Array(100_000).fill('{}').join(',')}]`;
    const body = `{"action":"messages.create","params":{"id":"m","thread_id":"t","author":{"id":"1","screenname":"A"},"body":"x","extra":${filler}}}`;
    const budget = 16 * 1024 * 1024;
    const { emulator, baseUrl } = await pool.start({ limits: { maxRecordedBytes: budget } });
    const before = await retainedBytes();
    for (let i = 0; i < 20; i++) expect((await post(baseUrl, body)).body).toBe('ok');
    const grown = (await retainedBytes()) - before;

    // All 20 kept would be ~130 MB; the budget keeps the latest two.
    expect(grown).toBeLessThan(budget + 8e6);
    expect(emulator.acceptedCount).toBe(20);
    expect(emulator.requests.length).toBeLessThan(20);
    expect(emulator.requests.at(-1)?.bodyKept).toBe(true);
  }, 60_000);

  it('bounds the log of unauthenticated 404s with 8 KB paths: 12 000 retain a few MB', async () => {
    const { emulator, baseUrl } = await pool.start();
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const longPath = `/${'p'.repeat(8_000)}`;
    const before = await retainedBytes();
    await runConcurrently(12_000, 16, async (i) => {
      const answer = await post(baseUrl, '', { method: 'GET', path: `${longPath}/${i}`, agent });
      if (answer.status !== 404) throw new Error(`request ${i} answered ${answer.status}`);
    });
    agent.destroy();
    const grown = (await retainedBytes()) - before;

    // Every path kept whole would be 12 000 × 8 KB = 96 MB.
    expect(grown).toBeLessThan(24e6);
    expect(emulator.received).toBe(12_000);
    expect(emulator.log).toHaveLength(DEFAULT_EMULATOR_LIMITS.maxEntries);
    expect(emulator.log.at(-1)).toEqual({ method: 'GET', path: `${longPath.slice(0, 1024)}…`, status: 404 });
    // Still serving, and still recording, after the burst.
    expect((await post(baseUrl, envelope('messages.create', VALID_PARAMS['messages.create']!))).body).toBe('ok');
    expect(emulator.received).toBe(12_001);
  }, 120_000);

  it('remembers puppetizable users created with megabyte-long ids by digest: 24 × 2 MB ids retain almost nothing', async () => {
    const { emulator, baseUrl } = await pool.start();
    const user = (id: string) => ({ id, screenname: 'P', created_at: '2019-11-07', updated_at: '2019-11-07', puppetizable: true });
    const longId = (i: number) => `${i}-${'u'.repeat(2_000_000)}`;
    const before = await retainedBytes();
    for (let i = 0; i < 24; i++) expect((await post(baseUrl, envelope('users.create', user(longId(i))))).body).toBe('ok');
    const grown = (await retainedBytes()) - before;

    expect(grown).toBeLessThan(12e6);
    // Still exact: the first of those users is puppetizable, an unknown one is not.
    const select = { type: 'select', items: [{ title: 'Yes', payload: 'y' }] };
    const message = (authorId: string) => envelope('messages.create', { ...VALID_PARAMS['messages.create']!, author: { id: authorId, screenname: 'P' }, structured_content: select });
    expect((await post(baseUrl, message(longId(0)))).body).toBe('ok');
    expect((await post(baseUrl, message(longId(99)))).body).toBe('The author must be puppetizable');
    expect(emulator.acceptedCount).toBe(25);
  }, 60_000);
});
