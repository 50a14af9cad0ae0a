import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { bootstrap, type DemoEnv, type RunningDemo } from '../../apps/demo/src/bootstrap.js';
import { INSPECTOR_CAPACITY } from '../../apps/demo/src/inspector/inspector-feed.service.js';
import { mb, retainedBytes } from '../../libs/engage-send/test/support/retained-memory.js';

/*
 * Issue 9, bounded memory: the demo took 8.4 GB and crashed after 203 large
 * messages, because the embedded emulator kept everything. Whatever the
 * traffic, the demo now keeps the inspector's bounded ring, and its embedded
 * emulator a bounded record (EMBEDDED_EMULATOR_LIMITS). Memory is what the
 * process retains after a full collection (heap and Buffers).
 */

const SENDS = 2_000;
/** Under the library's 20 000-character limit for a message body. */
const BODY_CHARS = 19_000;
const CONCURRENCY = 8;

describe('demo memory under traffic', () => {
  let demo: RunningDemo | undefined;
  let engage: Server | undefined;

  afterEach(async () => {
    await demo?.close();
    demo = undefined;
    engage?.closeAllConnections();
    await new Promise<void>((resolve) => (engage ? engage.close(() => resolve()) : resolve()));
    engage = undefined;
  });

  async function sendMany(count: number, from: number): Promise<void> {
    const now = new Date().toISOString();
    let next = from;
    const worker = async (): Promise<void> => {
      while (next < from + count) {
        const n = next++;
        const res = await fetch(`${demo!.url}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            id: `memory-${n}`,
            thread_id: `thread-${n}`,
            body: 'b'.repeat(BODY_CHARS),
            author: { id: `user-${n}`, screenname: 'Jane', created_at: now, updated_at: now },
          }),
        });
        expect(res.status).toBe(201);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  /** Retained growth over {@link SENDS} sends, after a warm-up (pools, compiled validators, JIT). */
  async function growthOverSends(env: DemoEnv): Promise<number> {
    demo = await bootstrap({ env: { PORT: '0', ...env }, logger: false });
    await sendMany(300, 0);
    const before = await retainedBytes();
    await sendMany(SENDS, 300);
    return (await retainedBytes()) - before;
  }

  it(`keeps the demo's own memory flat: ${SENDS} sends of ${BODY_CHARS / 1000} KB to an Engage that keeps nothing`, async () => {
    engage = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => engage!.listen(0, '127.0.0.1', resolve));
    const growth = await growthOverSends({
      ENGAGE_BASE_URL: `http://127.0.0.1:${(engage.address() as AddressInfo).port}`,
      ENGAGE_SOURCE_ID: 'src',
      ENGAGE_ACCESS_TOKEN: 'tok',
    });
    const snapshot = (await (await fetch(`${demo!.url}/inspector/entries`)).json()) as { entries: unknown[] };
    process.stdout.write(`demo alone: ${mb(growth)} retained over ${SENDS} sends (${mb(SENDS * BODY_CHARS)} of bodies)\n`);

    expect(growth).toBeLessThan(10_000_000);
    expect(snapshot.entries).toHaveLength(INSPECTOR_CAPACITY);
    expect(JSON.stringify(snapshot).length).toBeLessThan(INSPECTOR_CAPACITY * 1_000);
  }, 120_000);

  it(`keeps it bounded with the embedded emulator too (npm start's default), whose record is capped`, async () => {
    const growth = await growthOverSends({});
    process.stdout.write(`demo with its embedded emulator: ${mb(growth)} retained over ${SENDS} sends (${mb(SENDS * BODY_CHARS)} of bodies)\n`);

    // The emulator keeps at most 16 MiB of records here; everything kept would be about twice the bodies.
    expect(growth).toBeLessThan(30_000_000);
    expect(demo!.emulator!.requests.length).toBeLessThan(SENDS);
    expect(demo!.emulator!.acceptedCount).toBe(SENDS + 300);
  }, 120_000);
});
