import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Body, Controller, Module, Post, type INestApplication, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { request } from 'undici';
import { EngageSendModule } from '../../src/index.js';
import { endpointOptions, hmacHex, PLATFORMS, post, RecordingHandlers, signedJson, startApp, TOKEN } from './endpoint-test-kit.js';

/*
 * The source endpoint on the wire, on Express and on Fastify: bodies signed
 * the ways Engage's clients write them are accepted whatever the content
 * type; every malformed, unsigned or oversized call is refused before any
 * handler runs; answers are signed over the bytes sent. The app keeps its own
 * body parsing and middleware for its other routes.
 */

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown) {
    return { parsed: body };
  }
}

/** Paths the app's own (Nest) middleware saw. */
const middlewareSaw: string[] = [];

@Module({
  imports: [EngageSendModule.forRoot(endpointOptions({ endpoint: { path: '/engage', maxBodyBytes: 4096 } }))],
  controllers: [EchoController],
  providers: [RecordingHandlers],
})
class WireTestModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Like the app's own guard (a Host check, authentication): it must not stand in front of Engage's calls.
    consumer
      .apply((req: { originalUrl?: string; url?: string }, _res: unknown, next: () => void) => {
        middlewareSaw.push(req.originalUrl ?? req.url ?? '');
        next();
      })
      .forRoutes('*');
  }
}

const replyParams = { body: 'Hello from the agent', content_id: 'c-1', in_reply_to_id: 'm-1', thread_id: 't-1', retry: false };

describe.each(PLATFORMS)('source endpoint on %s', (_platform, adapter) => {
  let app: INestApplication;
  let url: string;
  let handlers: RecordingHandlers;

  beforeAll(async () => {
    ({ app, url } = await startApp(adapter, { imports: [WireTestModule] }));
    handlers = app.get(RecordingHandlers);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    handlers.seen.length = 0;
    middlewareSaw.length = 0;
  });

  describe('accepts the bytes Engage signed', () => {
    it("the documented example's compact bytes", async () => {
      const body = '{"action":"implementation.info","time":"2012-10-01T17:18:40Z"}';
      const answer = await post(`${url}/engage`, body);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(signedJson(answer)).toEqual({ objects: { messages: ['create', 'show', 'list', 'delete', 'publish', 'unpublish', 'follow_up'] }, options: [] });
    });

    it("PHP's escaped slashes: the signature covers \\/, the handler gets /", async () => {
      const body = '{"action":"messages.create","params":{"body":"See https:\\/\\/example.com\\/help","content_id":"c-1","retry":false},"time":"2012-10-01T17:18:40Z"}';
      const answer = await post(`${url}/engage`, body);
      expect(signedJson(answer)).toEqual({ id: 'reply-1', body: 'See https://example.com/help' });
      expect(handlers.seen[0]?.params.body).toBe('See https://example.com/help');
    });

    it('pretty-printed JSON', async () => {
      const body = JSON.stringify({ action: 'messages.create', params: replyParams, time: '2012-10-01T17:18:40Z' }, null, 2);
      const answer = await post(`${url}/engage`, body);
      expect(answer.status).toBe(200);
      expect(signedJson(answer)).toMatchObject({ id: expect.stringMatching(/^reply-/) });
      expect(handlers.seen[0]).toMatchObject({ handler: 'create', params: replyParams, call: { action: 'messages.create', time: '2012-10-01T17:18:40Z' } });
    });

    it('non-ASCII text, in the body and in the answer', async () => {
      const text = 'Réponse de l’agent 👋 — 日本語';
      const body = JSON.stringify({ action: 'messages.create', params: { ...replyParams, body: text } });
      const answer = await post(`${url}/engage`, body, { contentType: 'application/json; charset=utf-8' });
      expect(signedJson(answer)).toMatchObject({ body: text });
      expect(handlers.seen[0]?.params.body).toBe(text);
    });

    it('the signature as the `signature` query parameter', async () => {
      const body = '{"action":"messages.show","params":{"id":"m-7"}}';
      const answer = await post(`${url}/engage?signature=${hmacHex(body)}`, body, { signature: null });
      expect(signedJson(answer)).toEqual({ id: 'm-7', body: 'shown' });
    });

    it('an uppercase hex signature (the hex case is unstated)', async () => {
      const body = '{"action":"messages.show","params":{"id":"m-8"}}';
      const answer = await post(`${url}/engage`, body, { signature: hmacHex(body).toUpperCase() });
      expect(signedJson(answer)).toEqual({ id: 'm-8', body: 'shown' });
    });

    it.each([null, 'application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream'])('with content type %s', async (contentType) => {
      const body = '{"action":"messages.show","params":{"id":"m-9"}}';
      const answer = await post(`${url}/engage`, body, { contentType });
      expect(signedJson(answer)).toEqual({ id: 'm-9', body: 'shown' });
    });

    it('a body sent in chunks, without Content-Length', async () => {
      const body = JSON.stringify({ action: 'messages.create', params: replyParams });
      const chunks = async function* () {
        yield Buffer.from(body.slice(0, 10));
        yield Buffer.from(body.slice(10));
      };
      const answer = await request(`${url}/engage`, { method: 'POST', headers: { 'x-smccsdk-signature': hmacHex(body) }, body: Readable.from(chunks()) });
      const bytes = Buffer.from(await answer.body.arrayBuffer());
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['x-smccsdk-signature']).toBe(hmacHex(bytes));
    });
  });

  describe('refuses, with no handler run and nothing echoed', () => {
    const marker = 'UNIQUE-MARKER-7f3a';
    const valid = JSON.stringify({ action: 'messages.create', params: { ...replyParams, body: marker } });

    const refusals: [string, () => Promise<{ status: number; text: string; headers: Record<string, unknown> }>, number][] = [
      ['a tampered byte', () => post(`${url}/engage`, valid.replace('c-1', 'c-2'), { signature: hmacHex(valid) }), 422],
      ['a missing signature', () => post(`${url}/engage`, valid, { signature: null }), 422],
      ['a signature made with another token', () => post(`${url}/engage`, valid, { signature: hmacHex(valid, `${TOKEN}-other`) }), 422],
      ['a signature that is not hex', () => post(`${url}/engage`, valid, { signature: `${marker}`.padEnd(128, 'z') }), 422],
      ['a signature for the re-serialised JSON, not the bytes', () => post(`${url}/engage`, JSON.stringify(JSON.parse(valid), null, 1), { signature: hmacHex(valid) }), 422],
      ['a header and a query signature that disagree (the header wins)', () => post(`${url}/engage?signature=${hmacHex(valid)}`, valid, { signature: hmacHex('x') }), 422],
      ['an empty body', () => post(`${url}/engage`, '', { contentType: null, signature: null }), 422],
      ['an empty body, signed', () => post(`${url}/engage`, '', { contentType: null }), 400],
      ['a body over the limit (announced)', () => post(`${url}/engage`, `${valid}${' '.repeat(5000)}`), 413],
      ['a non-JSON body, signed', () => post(`${url}/engage`, `action=messages.create&body=${marker}`, { contentType: 'application/x-www-form-urlencoded' }), 400],
      ['JSON that is not an object', () => post(`${url}/engage`, `["${marker}"]`), 400],
      ['an unknown action', () => post(`${url}/engage`, `{"action":"messages.${marker.replace(/-/g, '_').toLowerCase()}_x","params":{"id":"1"}}`), 400],
      ['an action of an unknown object', () => post(`${url}/engage`, '{"action":"users.create","params":{"id":"1"}}'), 400],
      ['implementation.info under another name', () => post(`${url}/engage`, '{"action":"implementation.infos"}'), 400],
    ];

    it.each(refusals.map(([name, call, status]) => [name, status, call] as const))('%s → %i', async (_name, status, call) => {
      const answer = await call();
      expect(answer.status).toBe(status);
      expect(handlers.seen).toEqual([]);
      expect(answer.text.length).toBeLessThan(100);
      expect(answer.text).not.toContain(marker);
      expect(answer.headers['x-smccsdk-signature']).toBeUndefined();
    });

    it('a body that grows over the limit without announcing it → 413', async () => {
      const chunks = async function* () {
        for (let i = 0; i < 64; i++) yield Buffer.alloc(1024, 'a');
      };
      const answer = await request(`${url}/engage`, { method: 'POST', headers: { 'x-smccsdk-signature': hmacHex('x') }, body: Readable.from(chunks()) }).catch(
        (error: unknown) => error as Error,
      );
      // The endpoint answers and closes the connection without reading the rest: the
      // client sees the 413, or a reset if it was still sending.
      if (!(answer instanceof Error)) {
        expect(answer.statusCode).toBe(413);
        await answer.body.dump();
      }
      expect(handlers.seen).toEqual([]);
    });

    it('params of the wrong type: a clear 400 naming the field', async () => {
      const answer = await post(`${url}/engage`, JSON.stringify({ action: 'messages.create', params: { ...replyParams, retry: 'yes', thread_id: 42 } }));
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('params.retry');
      expect(answer.text).toContain('params.thread_id');
      expect(handlers.seen).toEqual([]);
    });

    it('a show without its id', async () => {
      const answer = await post(`${url}/engage`, '{"action":"messages.show","params":{}}');
      expect(answer.status).toBe(400);
      expect(answer.text).toBe('Invalid params: params.id (id is required)');
      expect(handlers.seen).toEqual([]);
    });
  });

  it('destroy reaches the delete handler', async () => {
    const answer = await post(`${url}/engage`, '{"action":"messages.destroy","params":{"id":"m-1"}}');
    expect(signedJson(answer)).toEqual({ id: 'm-1' });
    expect(handlers.seen[0]?.call).toMatchObject({ action: 'messages.delete', receivedAction: 'messages.destroy', object: 'messages', operation: 'delete' });
  });

  it('keeps the connection usable after a refusal', async () => {
    expect((await post(`${url}/engage`, 'nope', { signature: null })).status).toBe(422);
    expect((await post(`${url}/engage`, '{"action":"implementation.info"}')).status).toBe(200);
  });

  it("the app's other routes keep their JSON parsing and middleware; its middleware never sees Engage's calls", async () => {
    const echo = await post(`${url}/echo`, '{"a":[1,"é"]}', { signature: null });
    expect(echo.status).toBe(201);
    expect(JSON.parse(echo.text)).toEqual({ parsed: { a: [1, 'é'] } });
    await post(`${url}/engage`, '{"action":"implementation.info"}');
    await post(`${url}/engage`, 'unsigned', { signature: null });
    expect(middlewareSaw).toHaveLength(1);
  });

  it('other methods on the path are not the endpoint', async () => {
    const answer = await request(`${url}/engage`, { method: 'GET' });
    await answer.body.dump();
    expect(answer.statusCode).toBe(404);
  });
});
