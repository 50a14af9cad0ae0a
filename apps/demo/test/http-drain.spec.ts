import { Agent, createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { HttpDrain } from '../src/shutdown/http-drain.js';

/** A server whose `/slow` answers only when the test says so. */
async function startServer(): Promise<{ server: Server; port: number; slow: ServerResponse[] }> {
  const slow: ServerResponse[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/slow') slow.push(res);
    else res.end('fast');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, slow };
}

function get(port: number, path: string, agent: Agent): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HttpDrain', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('answers the request in flight with Connection: close, refuses new connections, closes the idle one after its grace', async () => {
    const { server, port, slow } = await startServer();
    const drain = new HttpDrain(server, { idleGraceMs: 100, timeoutMs: 5_000 });
    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy(), () => server.close());

    await get(port, '/fast', agent); // leaves an idle keep-alive connection
    const inFlight = get(port, '/slow', new Agent({ keepAlive: true }));
    while (slow.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(drain.openConnections).toBe(2);

    const drained = drain.drain();
    expect(drain.signal.aborted).toBe(true);
    await expect(get(port, '/fast', new Agent())).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    slow[0]!.end('slow');
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, body: 'slow' });
    expect(answer.headers.connection).toBe('close');

    await drained;
    expect(drain.openConnections).toBe(0);
  });

  it('serves a request that arrives on an idle connection during the grace, saying close', async () => {
    const { server, port } = await startServer();
    const drain = new HttpDrain(server, { idleGraceMs: 1_000, timeoutMs: 5_000 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy(), () => server.close());
    await get(port, '/fast', agent);

    const drained = drain.drain();
    const answer = await get(port, '/fast', agent);

    expect(answer).toMatchObject({ status: 200, body: 'fast' });
    expect(answer.headers.connection).toBe('close');
    await drained;
    expect(drain.openConnections).toBe(0);
  });

  it('returns after timeoutMs with a request still in flight, leaving it to be answered', async () => {
    const { server, port, slow } = await startServer();
    const drain = new HttpDrain(server, { idleGraceMs: 10, timeoutMs: 100 });
    cleanups.push(() => server.close());
    const inFlight = get(port, '/slow', new Agent());
    while (slow.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    await drain.drain();
    expect(drain.openConnections).toBe(1);
    slow[0]!.end('late');
    expect(await inFlight).toMatchObject({ status: 200, body: 'late' });
  });
});
