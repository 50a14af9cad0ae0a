import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bootstrap, type RunningDemo } from '../../apps/demo/src/bootstrap.js';

/*
 * Issue 9, "forged sends": any page a developer visits could make the demo on
 * localhost sign and send. Each request below is one a page of another site
 * (or a DNS-rebinding one) can make; each is refused and nothing reaches the
 * embedded emulator.
 */

const now = '2024-05-01T10:00:00Z';
const message = {
  id: 'message-1',
  thread_id: 'thread-1',
  body: 'Hello',
  author: { id: 'user-1', screenname: 'Jane', created_at: now, updated_at: now },
};

describe('demo: no forged sends from a browser', () => {
  let demo: RunningDemo;
  let host: string;

  beforeAll(async () => {
    demo = await bootstrap({ env: { PORT: '0' }, logger: false });
    host = new URL(demo.url).host;
  });

  afterEach(() => demo.emulator!.reset());

  /** Posts these exact bytes (supertest would serialise a Buffer as JSON). */
  async function postRaw(path: string, contentType: string, body: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${demo.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  afterAll(async () => {
    await demo?.close();
  });

  it('refuses a form post from another origin (Origin: evil.example), before reading it', async () => {
    const res = await request(demo.url)
      .post('/messages/agent-message-1/read')
      .set('Origin', 'http://evil.example')
      .type('form')
      .send('id=agent-message-1');

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'DEMO_CROSS_ORIGIN' });
    expect(res.headers.connection).toBe('close');
    expect(demo.emulator!.received).toBe(0);
  });

  it('refuses a form post even without an Origin: form bodies are not JSON', async () => {
    const res = await request(demo.url).post('/messages/agent-message-1/read').type('form').send('id=agent-message-1');

    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'DEMO_JSON_ONLY' });
    expect(res.body.message).toContain('Content-Type: application/json');
    expect(demo.emulator!.received).toBe(0);
  });

  it('refuses a text/plain post of valid JSON (what a page can send without a preflight)', async () => {
    const res = await request(demo.url).post('/messages').set('Content-Type', 'text/plain').send(JSON.stringify(message));

    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ statusCode: 415, code: 'DEMO_JSON_ONLY' });
    expect(res.body.message).toMatch(/"text\/plain".*Content-Type: application\/json/);
    expect(demo.emulator!.received).toBe(0);
  });

  it.each([
    ['POST', '/messages/agent-message-1/read'],
    ['DELETE', '/threads/thread-1/typing'],
    ['POST', '/messages'],
  ])('refuses %s %s with no body, saying to send JSON with Content-Type: application/json', async (method, path) => {
    const res = await request(demo.url)[method === 'POST' ? 'post' : 'delete'](path);

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'DEMO_JSON_BODY_REQUIRED' });
    expect(res.body.message).toBe(`${method} ${path} needs a JSON object body (got no body): send one with Content-Type: application/json, {} when there is nothing to add`);
    expect(demo.emulator!.received).toBe(0);
  });

  it('refuses an empty application/json body, and a JSON array', async () => {
    const empty = await postRaw('/messages/agent-message-1/read', 'application/json', Buffer.alloc(0));
    const array = await request(demo.url).post('/messages/agent-message-1/read').send([]);

    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'DEMO_JSON_BODY_REQUIRED', message: expect.stringContaining('got an empty body') });
    expect(array.status).toBe(400);
    expect(array.body.message).toContain('got a JSON array');
    expect(demo.emulator!.received).toBe(0);
  });

  it('refuses a request whose Host is not the demo (DNS rebinding), even a valid JSON send', async () => {
    const port = new URL(demo.url).port;
    const res = await request(demo.url).post('/messages').set('Host', `evil.example:${port}`).send(message);

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'DEMO_HOST_NOT_ALLOWED' });
    expect(res.body.message).toContain('ALLOWED_HOSTS');
    expect(demo.emulator!.received).toBe(0);
  });

  it.each(['evil.example@127.0.0.1', '127.0.0.1/x', '', '127.0.0.1.evil.example'])('refuses the Host %j', async (hostHeader) => {
    const res = await request(demo.url).post('/messages').set('Host', hostHeader).send(message);

    expect(res.status).toBe(403);
    expect(demo.emulator!.received).toBe(0);
  });

  it('serves a same-origin JSON send from the page (Origin = Host), under any loopback name', async () => {
    const port = new URL(demo.url).port;
    const fromPage = await request(demo.url).post('/messages').set('Origin', `http://${host}`).send(message);
    const asLocalhost = await request(demo.url)
      .post('/messages/agent-message-1/read')
      .set('Host', `localhost:${port}`)
      .set('Origin', `http://localhost:${port}`)
      .send({});

    expect(fromPage.status).toBe(201);
    expect(asLocalhost.status).toBe(200);
    expect(demo.emulator!.requests.map((r) => [r.action, r.params['id']])).toEqual([
      ['messages.create', 'message-1'],
      ['status.mark_as_read', 'agent-message-1'],
    ]);
  });

  it("lets the route Engage calls (POST /engage) through the browser rules: Engage's own Host, any content type, body unread", async () => {
    const res = await request(demo.url).post('/engage').set('Host', 'integration.example.com').set('Content-Type', 'text/plain').send('signed bytes');

    expect(res.status).not.toBe(403);
    expect(res.status).not.toBe(415);
    expect(JSON.stringify(res.body)).not.toContain('DEMO_');
    expect(demo.emulator!.received).toBe(0);
  });

  it('refuses a body that is not valid UTF-8, instead of sending U+FFFD in its place', async () => {
    const valid = Buffer.from(JSON.stringify({ ...message, body: 'XX' }));
    const at = valid.indexOf('XX');
    valid[at] = 0xff;
    valid[at + 1] = 0xfe;
    const res = await postRaw('/messages', 'application/json', valid);

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('not valid UTF-8') });
    expect(demo.emulator!.received).toBe(0);
  });

  it('refuses JSON in another charset than UTF-8', async () => {
    const utf16 = Buffer.from(JSON.stringify(message), 'utf16le');
    const res = await postRaw('/messages', 'application/json; charset=utf-16le', utf16);

    expect(res.status).toBe(415);
    expect(res.body.message).toContain('must be UTF-8');
    expect(demo.emulator!.received).toBe(0);
  });
});
