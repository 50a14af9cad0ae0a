import { createHash } from 'node:crypto';
import { request } from 'node:http';

import { afterEach, describe, expect, it } from '@jest/globals';

import { MAX_BODY_BYTES } from '../../src/contract/index.js';
import { signBody } from '../../src/testing/index.js';
import { EmulatorPool, messageOfSize, post, SOURCE } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

const TOO_LARGE = 'Invalid request size (max: 20971520 bytes)';

/** Streams `chunks` with chunked transfer encoding (no Content-Length), so only counting can catch the size. */
function postChunked(baseUrl: string, chunks: Buffer[], signature: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/realtime/sdk/${SOURCE.id}`, baseUrl), {
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked', 'x-smccsdk-signature': signature },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('EngageEmulator body size limit', () => {
  it('knows the documented limit', () => {
    expect(MAX_BODY_BYTES).toBe(20_971_520);
  });

  it('accepts a body of exactly 20 971 520 bytes', async () => {
    const { emulator, baseUrl } = await pool.start();
    const body = messageOfSize(MAX_BODY_BYTES);
    const answer = await post(baseUrl, body);
    expect([answer.status, answer.body]).toEqual([200, 'ok']);
    // Over the default maxKeptBodyBytes: recorded by size and digest, not kept.
    expect(emulator.requests[0]).toMatchObject({ bodyBytes: MAX_BODY_BYTES, bodySha256: createHash('sha256').update(body).digest('hex'), bodyKept: false });
  });

  it('refuses one byte more with 413, before even looking at the source', async () => {
    const { emulator, baseUrl } = await pool.start();
    const body = messageOfSize(MAX_BODY_BYTES + 1);
    const answer = await post(baseUrl, body, { sourceId: 'unknown-source' });
    expect([answer.status, answer.body]).toEqual([413, TOO_LARGE]);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(emulator.refused).toEqual([{ sourceId: 'unknown-source', status: 413, message: TOO_LARGE }]);
    expect(emulator.requests).toEqual([]);
  });

  it('counts bytes while streaming when no Content-Length is announced', async () => {
    const { emulator, baseUrl } = await pool.start();
    const body = messageOfSize(MAX_BODY_BYTES + 1);
    const chunks = [body.subarray(0, 8_000_000), body.subarray(8_000_000, 16_000_000), body.subarray(16_000_000)];
    const answer = await postChunked(baseUrl, chunks, signBody(body, SOURCE.accessToken));
    expect(answer).toEqual({ status: 413, body: TOO_LARGE });
    expect(emulator.log).toEqual([{ method: 'POST', path: `/realtime/sdk/${SOURCE.id}`, status: 413 }]);
  });

  it('accepts a chunked body of exactly the limit', async () => {
    const { baseUrl } = await pool.start();
    const body = messageOfSize(MAX_BODY_BYTES);
    const answer = await postChunked(baseUrl, [body.subarray(0, 1000), body.subarray(1000)], signBody(body, SOURCE.accessToken));
    expect(answer).toEqual({ status: 200, body: 'ok' });
  });

  it('refuses an announced oversized body with Expect: 100-continue without receiving it', async () => {
    const { emulator, baseUrl } = await pool.start();
    const answer = await new Promise<{ status: number; body: string; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const req = request(new URL(`/realtime/sdk/${SOURCE.id}`, baseUrl), {
        method: 'POST',
        headers: { 'content-length': MAX_BODY_BYTES + 1, expect: '100-continue', 'x-smccsdk-signature': 'x' },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, continued }));
      });
      req.on('continue', () => (continued = true));
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer).toEqual({ status: 413, body: TOO_LARGE, continued: false });
    expect(emulator.refused[0]?.status).toBe(413);
  });

  it('still serves a small Expect: 100-continue request', async () => {
    const { baseUrl } = await pool.start();
    const answer = await post(baseUrl, '{"action":"status.mark_as_read","params":{"id":"1"}}', { headers: { expect: '100-continue' } });
    expect([answer.status, answer.body]).toEqual([200, 'ok']);
  });

  it('keeps the connection usable after a 413', async () => {
    const { emulator, baseUrl } = await pool.start();
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await post(baseUrl, messageOfSize(MAX_BODY_BYTES + 1), { agent });
      const second = await post(baseUrl, '{"action":"status.mark_as_read","params":{"id":"1"}}', { agent });
      expect([first.status, second.status]).toEqual([413, 200]);
      expect(emulator.requests).toHaveLength(1);
    } finally {
      agent.destroy();
    }
  });
});
