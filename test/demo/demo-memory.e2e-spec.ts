import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootstrap, type RunningDemo } from '../../apps/demo/src/bootstrap.js';
import { INSPECTOR_CAPACITY } from '../../apps/demo/src/inspector/inspector-feed.service.js';

/*
 * Issue 9, bounded memory: whatever the traffic, the demo keeps nothing per
 * request beyond the inspector's bounded ring. The demo is pointed at a
 * purpose-built Engage that answers `ok` and keeps nothing, so what is
 * measured is the demo's own memory (the embedded emulator's record is the
 * emulator's to bound).
 */

const SENDS = 2_000;
/** Under the library's 20 000-character limit for a message body. */
const BODY_CHARS = 19_000;
const CONCURRENCY = 8;

/** A full garbage collection, for a heap figure that is not mostly garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('demo memory under traffic', () => {
  let engage: Server;
  let demo: RunningDemo;

  beforeAll(async () => {
    engage = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => engage.listen(0, '127.0.0.1', resolve));
    demo = await bootstrap({
      env: { PORT: '0', ENGAGE_BASE_URL: `http://127.0.0.1:${(engage.address() as AddressInfo).port}`, ENGAGE_SOURCE_ID: 'src', ENGAGE_ACCESS_TOKEN: 'tok' },
      logger: false,
    });
  });

  afterAll(async () => {
    await demo?.close();
    engage?.closeAllConnections();
    await new Promise<void>((resolve) => engage?.close(() => resolve()));
  });

  async function sendMany(count: number, from: number): Promise<void> {
    const now = new Date().toISOString();
    let next = from;
    const worker = async (): Promise<void> => {
      while (next < from + count) {
        const n = next++;
        const res = await fetch(`${demo.url}/messages`, {
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

  it(`keeps heap growth flat over ${SENDS} sends of ${BODY_CHARS / 1000} KB, and ${INSPECTOR_CAPACITY} clipped inspector entries`, async () => {
    await sendMany(300, 0); // warm-up: connection pools, compiled validators, JIT
    collectGarbage();
    const before = process.memoryUsage().heapUsed;

    await sendMany(SENDS, 300);
    collectGarbage();
    const growth = process.memoryUsage().heapUsed - before;
    const snapshot = await (await fetch(`${demo.url}/inspector/entries`)).json() as { entries: unknown[] };
    process.stdout.write(`demo heap growth over ${SENDS} sends (${((SENDS * BODY_CHARS) / 1e6).toFixed(0)} MB of bodies): ${(growth / 1e6).toFixed(1)} MB\n`);

    // Kept per send, the bodies alone would be 38 MB.
    expect(growth).toBeLessThan(15_000_000);
    expect(snapshot.entries).toHaveLength(INSPECTOR_CAPACITY);
    expect(JSON.stringify(snapshot).length).toBeLessThan(INSPECTOR_CAPACITY * 1_000);
  }, 120_000);
});
