import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { EngageEmulator } from 'engage-send/testing';
import request from 'supertest';
import { bootstrap, type RunningDemo } from '../../apps/demo/src/bootstrap.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('GET /health', () => {
  let demo: RunningDemo | undefined;
  afterEach(async () => {
    await demo?.close();
    demo = undefined;
  });

  it('is up when the embedded emulator answers, and sends nothing', async () => {
    demo = await bootstrap({ env: { PORT: '0' }, logger: false });
    const res = await request(demo.url).get('/health');

    const engage = { status: 'up', target: 'embedded-emulator', url: demo.engageBaseUrl, httpStatus: 404 };
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', info: { engage }, error: {}, details: { engage } });
    expect(demo.emulator!.requests).toHaveLength(0);
    expect(demo.emulator!.refused).toHaveLength(0);
  });

  it('is down (503), saying why, when Engage does not answer', async () => {
    const port = await closedPort();
    demo = await bootstrap({
      env: { PORT: '0', ENGAGE_BASE_URL: `http://127.0.0.1:${port}`, ENGAGE_SOURCE_ID: 'src', ENGAGE_ACCESS_TOKEN: 'tok-secret' },
      logger: false,
    });
    const res = await request(demo.url).get('/health');

    expect(res.status).toBe(503);
    expect(res.body.status).toBe('error');
    expect(res.body.error.engage).toMatchObject({ status: 'down', target: 'engage', url: `http://127.0.0.1:${port}` });
    expect(res.body.error.engage.message).toContain('ECONNREFUSED');
    expect(res.text).not.toContain('tok-secret');
  });

  it('goes down when the Engage it sends to stops answering', async () => {
    const engage = new EngageEmulator({ sources: [{ id: 'src', accessToken: 'tok' }] });
    const baseUrl = await engage.start(0, '127.0.0.1');
    demo = await bootstrap({ env: { PORT: '0', ENGAGE_BASE_URL: baseUrl, ENGAGE_SOURCE_ID: 'src', ENGAGE_ACCESS_TOKEN: 'tok' }, logger: false });

    expect((await request(demo.url).get('/health')).status).toBe(200);
    await engage.stop();
    expect((await request(demo.url).get('/health')).status).toBe(503);
  });
});
