import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EngageEmulator } from 'engage-send/testing';
import request from 'supertest';
import { createDemoApp } from './create-demo-app.js';

const SOURCE_ID = 'e2e-source';
const ACCESS_TOKEN = 'e2e-token';

const author = { id: 'user-1', screenname: 'Jane Doe', created_at: '2024-05-01T10:00:00Z', updated_at: '2024-05-01T10:00:00Z' };
const user = { ...author, firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com' };
const thread = { id: 'thread-1', title: 'Internet is down', body: 'Since this morning.', author };
const message = { id: 'message-1', thread_id: 'thread-1', body: 'Is anyone there?', format: 'text', author };
const privateMessage = {
  id: 'private-1',
  body: 'My account number is 1234.',
  author,
  recipient: { id: 'agent-1', screenname: 'Support' },
};

type Http = ReturnType<typeof request>;

interface RouteCase {
  route: string;
  call: (http: Http) => request.Test;
  status: number;
  action: string;
  params: Record<string, unknown>;
}

const ROUTES: RouteCase[] = [
  { route: 'POST /threads', call: (http) => http.post('/threads').send(thread), status: 201, action: 'threads.create', params: thread },
  { route: 'POST /users', call: (http) => http.post('/users').send(user), status: 201, action: 'users.create', params: user },
  { route: 'POST /messages', call: (http) => http.post('/messages').send(message), status: 201, action: 'messages.create', params: message },
  {
    route: 'POST /private-messages',
    call: (http) => http.post('/private-messages').send(privateMessage),
    status: 201,
    action: 'private_messages.create',
    params: privateMessage,
  },
  {
    route: 'POST /messages/:id/read',
    call: (http) => http.post('/messages/agent-message-7/read').send({}),
    status: 200,
    action: 'status.mark_as_read',
    params: { id: 'agent-message-7' },
  },
  {
    route: 'POST /threads/:threadId/typing',
    call: (http) => http.post('/threads/thread-1/typing').send({ in_reply_to_id: 'message-1', preview: 'I am typ' }),
    status: 200,
    action: 'typing.start',
    params: { thread_id: 'thread-1', in_reply_to_id: 'message-1', preview: 'I am typ' },
  },
  {
    route: 'DELETE /threads/:threadId/typing',
    call: (http) => http.delete('/threads/thread-1/typing').send({}),
    status: 200,
    action: 'typing.stop',
    params: { thread_id: 'thread-1' },
  },
];

describe('demo routes against the EngageEmulator', () => {
  let emulator: EngageEmulator;
  let baseUrl: string;
  let app: NestExpressApplication;

  beforeAll(async () => {
    emulator = new EngageEmulator({ sources: [{ id: SOURCE_ID, accessToken: ACCESS_TOKEN }] });
    baseUrl = await emulator.start(0, '127.0.0.1');
    app = await createDemoApp({ baseUrl, sourceId: SOURCE_ID, accessToken: ACCESS_TOKEN });
  });

  afterEach(() => emulator.reset());

  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it.each(ROUTES)('$route sends $action with the request as params', async ({ call, status, action, params }) => {
    const res = await call(request(app.getHttpServer()));

    expect(res.status).toBe(status);
    expect(res.body).toEqual({ action, sourceId: SOURCE_ID, status: 200, attempts: 1, coalesced: false, durationMs: expect.any(Number) });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({ sourceId: SOURCE_ID, action });
    expect(emulator.requests[0]?.params).toEqual(params);
  });

  it('takes the typing thread from the path, over a thread_id in the body', async () => {
    const res = await request(app.getHttpServer())
      .post('/threads/from-path/typing')
      .send({ thread_id: 'from-body', preview: 'Hi' });

    expect(res.status).toBe(200);
    expect(emulator.requests[0]?.params).toEqual({ thread_id: 'from-path', preview: 'Hi' });
  });

  it('answers 400 naming the failing field, and sends nothing, when the params are invalid', async () => {
    const authorWithoutId = { screenname: 'Jane Doe', created_at: '2024-05-01T10:00:00Z' };
    const res = await request(app.getHttpServer())
      .post('/messages')
      .send({ ...message, author: authorWithoutId });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'ENGAGE_VALIDATION', action: 'messages.create' });
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'params.author.id' })]));
    expect(emulator.received).toBe(0);
  });

  it('passes fields through untouched, so a misspelt required field is reported with its misspelling', async () => {
    const misspelt = { id: 'message-2', threadId: 'thread-1', body: 'Hello', author };
    const res = await request(app.getHttpServer()).post('/messages').send(misspelt);

    expect(res.status).toBe(400);
    const error = (res.body.errors as { path: string; constraints: Record<string, string> }[]).find((e) => e.path === 'params.thread_id');
    expect(error?.constraints['isDefined']).toBe('thread_id is required ("threadId" is given: did you mean "thread_id"?)');
    expect(emulator.received).toBe(0);
  });

  it('answers 400 for typing.start without a preview', async () => {
    const res = await request(app.getHttpServer()).post('/threads/thread-1/typing').send({});

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'params.preview' })]));
    expect(emulator.received).toBe(0);
  });

  it('coalesces a second typing.start on the same thread within 2 s: one request reaches Engage, no 429', async () => {
    const first = await request(app.getHttpServer()).post('/threads/thread-9/typing').send({ preview: 'H' });
    const second = await request(app.getHttpServer()).post('/threads/thread-9/typing').send({ preview: 'He' });

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ coalesced: false, status: 200 });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ coalesced: true, attempts: 0 });
    expect(emulator.requests.map((r) => r.action)).toEqual(['typing.start']);
    expect(emulator.refused).toHaveLength(0);
  });

  it('answers 429 with Retry-After when Engage rate-limits anyway', async () => {
    emulator.injectFaults({ status: 429, body: 'too many typing requests, please try again in a few seconds', headers: { 'retry-after': '30' } }, 1);
    const res = await request(app.getHttpServer()).post('/threads/thread-10/typing').send({ preview: 'H' });

    // Engage asks for 30 s: more than the retry policy waits (10 s), so the 429 reaches the caller.
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(res.body).toMatchObject({
      code: 'ENGAGE_RATE_LIMITED',
      engage: { status: 429, message: 'too many typing requests, please try again in a few seconds' },
    });
  });

  it("lets the library refuse a body over Engage's 20 MiB (express's own limit is higher), sending nothing", async () => {
    // Base64 'A's: valid attachment content, 21 000 000 bytes, under express's 25 MB but over Engage's 20 971 520.
    const huge = { id: 'message-3', thread_id: 'thread-1', author, attachments: [{ content: 'A'.repeat(21_000_000), filename: 'big.bin' }] };
    const res = await request(app.getHttpServer()).post('/messages').send(huge);

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'ENGAGE_PAYLOAD_TOO_LARGE', action: 'messages.create' });
    expect(emulator.received).toBe(0);
  });

  describe('with a wrong access token', () => {
    let wrongTokenApp: NestExpressApplication;

    beforeAll(async () => {
      wrongTokenApp = await createDemoApp({ baseUrl, sourceId: SOURCE_ID, accessToken: 'not-the-token' });
    });

    afterAll(async () => {
      await wrongTokenApp?.close();
    });

    it("answers 502 with Engage's 'Invalid signature'", async () => {
      const res = await request(wrongTokenApp.getHttpServer()).post('/messages').send(message);

      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({
        statusCode: 502,
        code: 'ENGAGE_INVALID_SIGNATURE',
        engage: { status: 422, message: 'Invalid signature' },
      });
      expect(JSON.stringify(res.body)).not.toContain('not-the-token');
      expect(emulator.requests).toHaveLength(0);
      expect(emulator.refused).toEqual([expect.objectContaining({ status: 422, message: 'Invalid signature' })]);
    });
  });
});
