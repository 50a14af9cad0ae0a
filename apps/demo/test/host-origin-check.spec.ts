import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { hostOriginCheck } from '../src/request-rules/host-origin-check.middleware.js';

describe('hostOriginCheck', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const check = hostOriginCheck(new Set(['localhost', '127.0.0.1']), [{ method: 'POST', path: '/engage' }]);
    server = createServer((req, res) => check(req, res, () => res.end('passed')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lets an allowed Host through, with or without a same-origin Origin', async () => {
    expect((await request(server).get('/').set('Host', `localhost:${port}`)).text).toBe('passed');
    expect((await request(server).post('/x').set('Host', `localhost:${port}`).set('Origin', `http://localhost:${port}`)).text).toBe('passed');
  });

  it('refuses an Origin on another port of the same host: another origin', async () => {
    const res = await request(server).post('/x').set('Host', `localhost:${port}`).set('Origin', 'http://localhost:1');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('DEMO_CROSS_ORIGIN');
  });

  it.each(['null', 'file://', 'not a url'])('refuses the Origin %j', async (origin) => {
    const res = await request(server).post('/x').set('Host', `localhost:${port}`).set('Origin', origin);
    expect(res.status).toBe(403);
  });

  it('keeps a refusal small, however long the Host', async () => {
    const res = await request(server).get('/').set('Host', `${'a'.repeat(8000)}.example`);
    expect(res.status).toBe(403);
    expect(res.text.length).toBeLessThan(600);
  });

  it('lets an exempt route (called by Engage) through with any Host and Origin, on its method only', async () => {
    const exempt = await request(server).post('/engage?x=1').set('Host', 'engage-callback.example.com').set('Origin', 'https://engage.example');
    const otherMethod = await request(server).get('/engage').set('Host', 'engage-callback.example.com');
    expect(exempt.text).toBe('passed');
    expect(otherMethod.status).toBe(403);
  });
});
