import { Agent, request } from 'node:http';
import { connect } from 'node:net';

import { afterEach, describe, expect, it } from '@jest/globals';

import { EngageEmulator } from '../../src/testing/index.js';
import { EmulatorPool, envelope, post, SOURCE } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

const MARK_READ = envelope('status.mark_as_read', { id: '890' });

describe('EngageEmulator lifecycle', () => {
  it('resolves start() to the base URL, on 127.0.0.1 and a free port by default', async () => {
    const { emulator, baseUrl } = await pool.start();
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.baseUrl).toBe(baseUrl);
    expect(baseUrl).not.toMatch(/:0$/);
  });

  it('throws on baseUrl before start and on a second start', async () => {
    const emulator = new EngageEmulator({ sources: [SOURCE] });
    expect(() => emulator.baseUrl).toThrow('not started');
    await emulator.start();
    try {
      await expect(emulator.start()).rejects.toThrow('already started');
    } finally {
      await emulator.stop();
    }
  });

  it('rejects start() when the port is taken', async () => {
    const { baseUrl } = await pool.start();
    const port = Number(new URL(baseUrl).port);
    const second = new EngageEmulator({ sources: [SOURCE] });
    await expect(second.start(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('stop() closes idle keep-alive connections promptly', async () => {
    const { emulator, baseUrl } = await pool.start();
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    try {
      expect((await post(baseUrl, MARK_READ, { agent })).body).toBe('ok');
      const socket = Object.values(agent.freeSockets).flat()[0];
      expect(socket).toBeDefined();
      const closed = new Promise<void>((resolve) => socket!.once('close', () => resolve()));
      const startedAt = performance.now();
      await emulator.stop();
      await closed;
      expect(performance.now() - startedAt).toBeLessThan(1_000);
    } finally {
      agent.destroy();
    }
  });

  it('stop() closes connections with a request in flight (fault delay, half-sent body) promptly', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ delayMs: 60_000 });
    const delayed = post(baseUrl, MARK_READ);
    const delayedOutcome = delayed.then(() => 'answered', () => 'socket error');

    // A client that announced a body and never sent it.
    const { port } = new URL(baseUrl);
    const halfSent = connect(Number(port), '127.0.0.1');
    const halfClosed = new Promise<void>((resolve) => halfSent.once('close', () => resolve()));
    halfSent.on('error', () => undefined);
    halfSent.write(`POST /realtime/sdk/${SOURCE.id} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"act`);

    while (emulator.received < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const startedAt = performance.now();
    await emulator.stop();
    expect(await delayedOutcome).toBe('socket error');
    await halfClosed;
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(emulator.requests).toEqual([]);
  });

  it('can start again after stop(), keeping its records', async () => {
    const { emulator, baseUrl } = await pool.start();
    await post(baseUrl, MARK_READ);
    await emulator.stop();
    await expect(post(baseUrl, MARK_READ, { agent: false })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const again = await emulator.start();
    expect((await post(again, MARK_READ)).body).toBe('ok');
    expect(emulator.requests).toHaveLength(2);
  });

  it('stop() is harmless when not started or already stopped', async () => {
    const emulator = new EngageEmulator({ sources: [SOURCE] });
    await expect(emulator.stop()).resolves.toBeUndefined();
    await emulator.start();
    await emulator.stop();
    await expect(emulator.stop()).resolves.toBeUndefined();
  });

  it('serves many concurrent requests over keep-alive connections', async () => {
    const { emulator, baseUrl } = await pool.start();
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 1_000 }, (_, index) => post(baseUrl, envelope('status.mark_as_read', { id: String(index) }), { agent })),
      );
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      expect(emulator.requests).toHaveLength(1_000);
      expect(new Set(emulator.requests.map((recorded) => recorded.params['id'])).size).toBe(1_000);
    } finally {
      agent.destroy();
    }
  });

  it('ignores the request timeout of a client that gave up during a fault delay', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ delayMs: 300 });
    const aborted = new Promise<string>((resolve) => {
      const req = request(new URL(`/realtime/sdk/${SOURCE.id}`, baseUrl), { method: 'POST', timeout: 50 });
      req.on('timeout', () => req.destroy(new Error('client timeout')));
      req.on('error', (error) => resolve(error.message));
      req.end(MARK_READ);
    });
    expect(await aborted).toBe('client timeout');
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The delayed request was abandoned: nothing processed, nothing answered, server still fine.
    expect(emulator.requests).toEqual([]);
    expect(emulator.log[0]?.status).toBeUndefined();
    expect((await post(baseUrl, MARK_READ)).body).toBe('ok');
  });
});
