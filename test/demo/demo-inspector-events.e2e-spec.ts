import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootstrap, type RunningDemo } from '../../apps/demo/src/bootstrap.js';
import { MAX_EVENT_STREAMS } from '../../apps/demo/src/inspector/inspector.controller.js';
import { InspectorFeed } from '../../apps/demo/src/inspector/inspector-feed.service.js';

/** Opens `GET /inspector/events` on a raw socket; the caller decides when to read. */
function openStream(url: string): Promise<Socket> {
  const { hostname, port, host } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET /inspector/events HTTP/1.1\r\nHost: ${host}\r\nAccept: text/event-stream\r\n\r\n`);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Reads the socket until the server ends or cuts it; resolves with everything read. */
function readToEnd(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => {});
    socket.once('close', () => resolve(text));
    socket.resume();
  });
}

function entry(n: number) {
  return { kind: 'sent', at: new Date().toISOString(), route: 'POST /messages', action: 'messages.create', ids: { id: `m-${n}`.padEnd(64, '.') }, status: 201, outcome: 'ok', durationMs: 1 } as const;
}

describe('inspector event stream', () => {
  let demo: RunningDemo;
  let feed: InspectorFeed;

  beforeAll(async () => {
    demo = await bootstrap({ env: { PORT: '0' }, logger: false });
    feed = demo.app.get(InspectorFeed);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('replays what is kept after Last-Event-ID, then streams new entries', async () => {
    const first = feed.record(entry(1));
    feed.record(entry(2));
    const res = await fetch(`${demo.url}/inspector/events`, { headers: { 'last-event-id': String(first.seq) } });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    feed.record(entry(3));
    let text = '';
    while (!text.includes('m-3')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();

    expect(text).toContain('event: hello\ndata: {"engage":"embedded-emulator"');
    expect(text).not.toContain('m-1.');
    expect(text).toMatch(/id: \d+\nevent: entry\ndata: \{"kind":"sent".*"m-2/);
    expect(text).toContain('m-3');
  });

  it('cuts off a page that does not read, instead of queueing its events in memory', async () => {
    const socket = await openStream(demo.url);
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(feed.listenerCount).toBe(1);
    // ~30 MB of events for a reader that reads nothing: beyond the socket buffers, the server must let go.
    for (let i = 0; i < 100_000; i++) feed.record(entry(i));
    const text = await readToEnd(socket);

    expect(text.length).toBeLessThan(100_000 * 200);
    expect(feed.listenerCount).toBe(0);
  }, 60_000);

  it(`serves at most ${MAX_EVENT_STREAMS} pages at once, telling the next one to come back`, async () => {
    const sockets = await Promise.all(Array.from({ length: MAX_EVENT_STREAMS }, () => openStream(demo.url)));
    while (feed.listenerCount < MAX_EVENT_STREAMS) await new Promise((resolve) => setTimeout(resolve, 20));
    const extra = await fetch(`${demo.url}/inspector/events`);

    expect(extra.status).toBe(503);
    expect(extra.headers.get('retry-after')).toBe('5');
    for (const socket of sockets) socket.destroy();
    while (feed.listenerCount > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it('ends the open streams when the demo shuts down, so shutdown does not wait on them', async () => {
    const other = await bootstrap({ env: { PORT: '0' }, logger: false });
    const socket = await openStream(other.url);
    const ended = readToEnd(socket);
    while (other.app.get(InspectorFeed).listenerCount === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    const started = performance.now();
    await other.close();
    await ended;
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
