import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ENGAGE_ACTIONS, EngageSendOptionsError } from 'engage-send';
import { EngageEmulator } from 'engage-send/testing';
import request from 'supertest';
import { bootstrap, type RunningDemo } from '../../apps/demo/src/bootstrap.js';

const run = promisify(execFile);
const CURL_EXAMPLES = fileURLToPath(new URL('../../apps/demo/curl-examples.sh', import.meta.url));

/** Listens on a free loopback port, to make the demo's own listen fail. */
async function occupyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

describe('bootstrap (the start-up path of main.ts)', () => {
  let demo: RunningDemo | undefined;
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    await demo?.close();
    demo = undefined;
    for (const cleanup of cleanups.splice(0)) await cleanup();
    jest.restoreAllMocks();
  });

  it('without ENGAGE_BASE_URL, starts the embedded emulator and serves the routes over real HTTP', async () => {
    demo = await bootstrap({ env: { PORT: '0' }, logger: false });

    expect(demo.target).toEqual({ kind: 'embedded-emulator', sourceId: 'demo-source', accessToken: 'demo-token' });
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.engageBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.engageBaseUrl).not.toBe(demo.url);

    const res = await request(demo.url).post('/messages/agent-message-1/read').send({});

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'status.mark_as_read', sourceId: 'demo-source', status: 200 });
    expect(demo.emulator?.requests).toEqual([
      expect.objectContaining({ sourceId: 'demo-source', action: 'status.mark_as_read', params: { id: 'agent-message-1' } }),
    ]);
  });

  it('stops the embedded emulator, and releases the signal handlers, when the app closes', async () => {
    const sigtermListeners = process.listenerCount('SIGTERM');
    demo = await bootstrap({ env: { PORT: '0' }, logger: false });
    const emulator = demo.emulator;
    expect(process.listenerCount('SIGTERM')).toBeGreaterThan(sigtermListeners);

    await demo.close();
    demo = undefined;

    expect(() => emulator?.baseUrl).toThrow('not started');
    expect(process.listenerCount('SIGTERM')).toBe(sigtermListeners);
  });

  it('with ENGAGE_BASE_URL, sends to that Engage with the given source and token', async () => {
    const engage = new EngageEmulator({ sources: [{ id: 'real-source', accessToken: 'real-token' }] });
    const baseUrl = await engage.start(0, '127.0.0.1');
    cleanups.push(() => engage.stop());

    demo = await bootstrap({
      env: { PORT: '0', ENGAGE_BASE_URL: baseUrl, ENGAGE_SOURCE_ID: 'real-source', ENGAGE_ACCESS_TOKEN: 'real-token' },
      logger: false,
    });
    const res = await request(demo.url).delete('/threads/t-1/typing').send({});

    expect(demo.emulator).toBeUndefined();
    expect(res.status).toBe(200);
    expect(engage.requests).toEqual([expect.objectContaining({ sourceId: 'real-source', action: 'typing.stop' })]);
  });

  it('stops the embedded emulator when the demo cannot listen', async () => {
    const { server, port } = await occupyPort();
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const stop = jest.spyOn(EngageEmulator.prototype, 'stop');

    await expect(bootstrap({ env: { PORT: String(port) }, logger: false })).rejects.toThrow(/EADDRINUSE/);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('rejects, instead of exiting the process, when the Engage options are invalid', async () => {
    const failure = bootstrap({
      env: { PORT: '0', ENGAGE_BASE_URL: 'http://engage.example.com', ENGAGE_SOURCE_ID: 'src', ENGAGE_ACCESS_TOKEN: 'tok-secret' },
      logger: false,
    });

    await expect(failure).rejects.toBeInstanceOf(EngageSendOptionsError);
    await expect(failure).rejects.toThrow(/baseUrl uses http:\/\/ to "engage.example.com"/);
    await expect(failure).rejects.not.toThrow('tok-secret');
  });

  describe('apps/demo/curl-examples.sh', () => {
    it('calls all seven routes and exits 0 against a working demo', async () => {
      demo = await bootstrap({ env: { PORT: '0' }, logger: false });

      const { stdout } = await run('bash', [CURL_EXAMPLES, demo.url]);

      expect(stdout).toContain('All 7 routes answered 2xx');
      expect(new Set(demo.emulator?.requests.map((r) => r.action))).toEqual(new Set(ENGAGE_ACTIONS));
    });

    it('exits non-zero when routes fail', async () => {
      const engage = new EngageEmulator({ sources: [{ id: 'real-source', accessToken: 'real-token' }] });
      const baseUrl = await engage.start(0, '127.0.0.1');
      cleanups.push(() => engage.stop());
      demo = await bootstrap({
        env: { PORT: '0', ENGAGE_BASE_URL: baseUrl, ENGAGE_SOURCE_ID: 'real-source', ENGAGE_ACCESS_TOKEN: 'wrong-token' },
        logger: false,
      });

      await expect(run('bash', [CURL_EXAMPLES, demo.url])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('7 route(s) failed'),
      });
      expect(engage.requests).toHaveLength(0);
    });
  });
});
