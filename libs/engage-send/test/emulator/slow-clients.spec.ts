import { connect, type Socket } from 'node:net';

import { afterEach, describe, expect, it } from '@jest/globals';

import { MAX_BODY_BYTES } from '../../src/contract/index.js';
import { EmulatorPool, envelope, post, SOURCE } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

/** How a raw client fared: whether the server closed the connection within the window, and what it answered. */
interface ProbeResult {
  closedByServer: boolean;
  elapsedMs: number;
  bytesSent: number;
  /** The status line answered, if any. */
  statusLine: string | undefined;
}

/**
 * Opens a raw connection, writes `head`, then lets `feed` write for as long
 * as the socket is open; resolves when the server closes it, or after
 * `windowMs` (then closing it itself).
 */
function probe(baseUrl: string, head: string, feed: (socket: Socket, sent: (bytes: number) => void) => void, windowMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let bytesSent = 0;
    let received = '';
    const socket = connect(Number(new URL(baseUrl).port), '127.0.0.1', () => {
      socket.write(head);
      feed(socket, (bytes) => (bytesSent += bytes));
    });
    const finish = (closedByServer: boolean): void => {
      clearTimeout(timer);
      const statusLine = received === '' ? undefined : received.split('\r\n')[0];
      resolve({ closedByServer, elapsedMs: performance.now() - started, bytesSent, statusLine });
    };
    const timer = setTimeout(() => {
      socket.removeAllListeners('close');
      socket.destroy();
      finish(false);
    }, windowMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
  });
}

const MIB = Buffer.alloc(1024 * 1024, 'a');
const CHUNK = Buffer.concat([Buffer.from(`${MIB.length.toString(16)}\r\n`), MIB, Buffer.from('\r\n')]);

/** Writes 1 MiB chunks as fast as the socket takes them, forever. */
function endlessChunks(socket: Socket, sent: (bytes: number) => void): void {
  const pump = (): void => {
    while (!socket.destroyed) {
      sent(MIB.length);
      if (!socket.write(CHUNK)) {
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/** Writes `text` every `everyMs`, forever. */
function trickle(text: string, everyMs: number) {
  return (socket: Socket, sent: (bytes: number) => void): void => {
    const timer = setInterval(() => {
      if (socket.destroyed) return clearInterval(timer);
      socket.write(text);
      sent(text.length);
    }, everyMs);
  };
}

const chunkedPost = (path: string): string => `POST ${path} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n`;
const SEND_PATH = `/realtime/sdk/${SOURCE.id}`;
const FAST_LIMITS = { limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } };

describe('EngageEmulator time per request', () => {
  it('answers 404 to an endless chunked upload on another path, then cuts it after at most 4 × 20 MiB', async () => {
    const { emulator, baseUrl } = await pool.start();
    const result = await probe(baseUrl, chunkedPost('/not/a/route'), endlessChunks, 10_000);
    expect(result).toMatchObject({ closedByServer: true, statusLine: 'HTTP/1.1 404 Not Found' });
    expect(result.bytesSent).toBeLessThan(4 * MAX_BODY_BYTES + 32 * 1024 * 1024);
    expect(emulator.log).toEqual([{ method: 'POST', path: '/not/a/route', status: 404 }]);
  }, 30_000);

  it('answers 413 to an endless chunked upload on the send route, then cuts it after at most 4 × 20 MiB', async () => {
    const { baseUrl } = await pool.start();
    const result = await probe(baseUrl, chunkedPost(SEND_PATH), endlessChunks, 10_000);
    expect(result).toMatchObject({ closedByServer: true, statusLine: 'HTTP/1.1 413 Payload Too Large' });
    expect(result.bytesSent).toBeLessThan(5 * MAX_BODY_BYTES + 32 * 1024 * 1024);
  }, 30_000);

  it('cuts a body that trickles in past requestTimeoutMs with 408, and serves others meanwhile', async () => {
    const lines: string[] = [];
    const { emulator, baseUrl } = await pool.start({ ...FAST_LIMITS, logger: (line) => lines.push(line) });
    const head = `POST ${SEND_PATH} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`;
    const slow = probe(baseUrl, head, trickle('a', 50), 5_000);
    expect((await post(baseUrl, envelope('typing.stop', { thread_id: 't' }))).body).toBe('ok');

    const result = await slow;
    expect(result).toMatchObject({ closedByServer: true, statusLine: 'HTTP/1.1 408 Request Timeout' });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(500);
    expect(emulator.requests).toHaveLength(1);
    // The emulator sees the connection close just after the client does.
    for (let waited = 0; lines.length < 2 && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines.at(-1)).toBe(
      `no answer: the request ended before its body did (client gone, or over the 600 ms request timeout) source=${SOURCE.id}`,
    );
  }, 30_000);

  it('cuts a client that trickles its headers past headersTimeoutMs with 408', async () => {
    const { emulator, baseUrl } = await pool.start(FAST_LIMITS);
    const result = await probe(baseUrl, `POST ${SEND_PATH} HTTP/1.1\r\n`, trickle('X-Slow: 1\r\n', 50), 5_000);
    expect(result).toMatchObject({ closedByServer: true, statusLine: 'HTTP/1.1 408 Request Timeout' });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(250);
    expect(emulator.received).toBe(0);
  }, 30_000);
});
