import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplication } from '@nestjs/common';
import { EngageContentError, MAX_BODY_BYTES, OnEngageCall, type QueuingUpdateCall } from '../../src/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { appWith, endpointOptions, PLATFORMS, post, RecordingHandlers, signedJson, startApp } from './endpoint-test-kit.js';

/*
 * What handlers answer, as Engage reads it: checked against the contract
 * before it is signed, `list` newest first, errors about one content as 2xx
 * `{"error": …}`, anything else a short 5xx that is logged.
 */

@Injectable()
class QueueHandler {
  readonly updates: QueuingUpdateCall[] = [];

  @OnEngageCall('messaging.queuing_update')
  update(params: QueuingUpdateCall) {
    this.updates.push(params);
  }
}

const [, express] = PLATFORMS[0];

describe('answers', () => {
  let app: INestApplication;
  let url: string;
  let handlers: RecordingHandlers;
  const logger = new CapturingLogger();
  const call = (action: string, params?: unknown) => post(`${url}/engage`, JSON.stringify({ action, params, time: '2024-05-01T10:00:00Z' }));

  beforeAll(async () => {
    ({ app, url } = await startApp(
      express,
      appWith(endpointOptions({ sourceOptions: ['messaging.queuing_update'] }), RecordingHandlers, QueueHandler),
      logger,
    ));
    handlers = app.get(RecordingHandlers);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    handlers.seen.length = 0;
    handlers.listAnswer = [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }];
    handlers.createAnswer = undefined;
    logger.lines.length = 0;
  });

  it('list: the handler gives the contents after since_id oldest first; Engage gets them newest first', async () => {
    const answer = await call('messages.list', { since_id: 'm0' });
    expect(signedJson(answer)).toEqual([{ id: 'm3' }, { id: 'm2' }, { id: 'm1' }]);
    expect(handlers.seen[0]?.params).toEqual({ since_id: 'm0' });
  });

  it('list: since_id absent the first time (or null, as Engage treats null as absent)', async () => {
    await call('messages.list');
    await call('messages.list', { since_id: null });
    expect(handlers.seen.map((seen) => seen.params.since_id ?? undefined)).toEqual([undefined, undefined]);
  });

  it('list that is not an array: the app’s error, 500 and logged', async () => {
    handlers.listAnswer = { items: [] };
    const answer = await call('messages.list');
    expect(answer.status).toBe(500);
    expect(answer.text).toBe('Internal server error');
    expect(answer.headers['x-smccsdk-signature']).toBeUndefined();
    expect(logger.lines.join('\n')).toMatch(/error messages\.list: RecordingHandlers\.list must answer an array of contents, got an object/);
  });

  it('list with an item that is not an object → 500', async () => {
    handlers.listAnswer = [{ id: 'm1' }, 'm2'];
    expect((await call('messages.list')).status).toBe(500);
    expect(logger.lines.join('\n')).toContain('item 1 is a string');
  });

  it('create: the created content, signed', async () => {
    const answer = await call('messages.create', { body: 'Hi', content_id: 'c-9', in_reply_to_id: 'm-1', retry: true, title: null, unknown_field: 'kept' });
    expect(signedJson(answer)).toEqual({ id: 'reply-1', body: 'Hi' });
    expect(handlers.seen[0]?.params).toMatchObject({ retry: true, title: null, unknown_field: 'kept' });
  });

  it.each([
    ['no id', { body: 'x' }, 'got no id'],
    ['an empty id', { id: '' }, 'got a string'],
    ['a numeric id', { id: 7 }, 'got a number'],
    ['nothing', undefined, 'got undefined'],
  ])('create answering %s: 500 and logged, nothing signed', async (_name, created, problem) => {
    handlers.createAnswer = () => created;
    const answer = await call('messages.create', { body: 'Hi' });
    expect(answer.status).toBe(500);
    expect(answer.headers['x-smccsdk-signature']).toBeUndefined();
    expect(logger.lines.join('\n')).toContain(problem);
  });

  it('create answering its in_reply_to_id as the new id: sent, with a warning (fresh ids, spec disagreement 3)', async () => {
    handlers.createAnswer = (params) => ({ id: params.in_reply_to_id });
    const answer = await call('messages.create', { body: 'Hi', in_reply_to_id: 'm-1' });
    expect(signedJson(answer)).toEqual({ id: 'm-1' });
    expect(logger.lines.join('\n')).toMatch(/warn .*in_reply_to_id as the new content's id/);
  });

  it('an answer JSON cannot represent → 500', async () => {
    handlers.createAnswer = () => ({ id: 'r1', size: 10n });
    expect((await call('messages.create', { body: 'Hi' })).status).toBe(500);
    expect(logger.lines.join('\n')).toContain('JSON cannot represent');
  });

  it('EngageContentError: 2xx {"error": {"fatal", "message"}}, signed', async () => {
    const answer = await call('messages.follow_up', { id: 'closed', user_id: 'agent-3' });
    expect(answer.status).toBe(200);
    expect(signedJson(answer)).toEqual({ error: { fatal: true, message: 'Conversation closed' } });
  });

  it('EngageContentError: fatal defaults to false, the message is capped', async () => {
    handlers.failNext = new EngageContentError('x'.repeat(5000));
    const answer = await call('messages.show', { id: 'm1' });
    const json = signedJson(answer) as { error: { fatal: boolean; message: string } };
    expect(json.error.fatal).toBe(false);
    expect(json.error.message.length).toBeLessThanOrEqual(500);
  });

  it('any other error: 500 with a short text, logged with the handler', async () => {
    handlers.failNext = new Error('database down');
    const answer = await call('messages.show', { id: 'm1' });
    expect(answer.status).toBe(500);
    expect(answer.text).toBe('Internal server error');
    expect(logger.lines.join('\n')).toContain('messages.show: RecordingHandlers.show failed: database down');
  });

  it('publish and unpublish: the content', async () => {
    expect(signedJson(await call('messages.publish', { id: 'm1' }))).toEqual({ id: 'm1', published: true });
    expect(signedJson(await call('messages.unpublish', { id: 'm1' }))).toEqual({ id: 'm1', published: false });
    expect(handlers.seen.map((seen) => seen.handler)).toEqual(['messages.publish', 'messages.unpublish']);
  });

  it('custom action: id and user_id', async () => {
    const answer = await call('messages.follow_up', { id: 'm1', user_id: 'agent-3' });
    expect(signedJson(answer)).toEqual({ id: 'm1', followed_up_by: 'agent-3' });
    expect(handlers.seen[0]?.call).toMatchObject({ action: 'messages.follow_up', object: 'messages', operation: 'follow_up', sourceId: 'src-endpoint' });
  });

  it('messaging.queuing_update: any answer, {} when the handler returns nothing', async () => {
    const answer = await call('messaging.queuing_update', { estimated_wait_time: 120, position: 3, thread_id: 't1', in_reply_to_id: 'm1' });
    expect(signedJson(answer)).toEqual({});
    expect(app.get(QueueHandler).updates).toEqual([expect.objectContaining({ estimated_wait_time: 120, position: 3, thread_id: 't1' })]);
    expect((await call('messaging.queuing_update', { position: 'third' })).status).toBe(400);
  });

  it('list and show of an object without handlers: [] and {} (only implementation.info is mandatory)', async () => {
    expect(signedJson(await call('threads.list'))).toEqual([]);
    expect(signedJson(await call('private_messages.show', { id: 'p1' }))).toEqual({});
    expect((await call('threads.create', { body: 'x' })).status).toBe(400);
    expect((await call('threads.delete', { id: 'x' })).status).toBe(400);
  });

  it('a malformed call is logged without its content', async () => {
    await call('messages.create', { body: 'secret words', retry: 'no' });
    const line = logger.lines.find((l) => l.includes('refused'));
    expect(line).toMatch(/warn refused a call to \/engage: messages\.create: invalid params params\.retry/);
    expect(line).not.toContain('secret words');
  });

  it.each([
    ['nested 400 000 levels deep', `{"action":"messages.create","params":{"extra":${'['.repeat(400_000)}${']'.repeat(400_000)}}}`, 'is nested more than 32 levels deep'],
    ['100 000 attachments of the wrong type', `{"action":"messages.create","params":{"attachments":[${Array(100_000).fill('{"url":1}').join(',')}]}}`, 'params.attachments.0.url'],
    ['one bad attachment after 60 000 good ones', `{"action":"messages.create","params":{"attachments":[${Array(60_000).fill('{"url":"x"}').join(',')},{"url":2}]}}`, 'params.attachments.60000.url'],
  ])('a call of any shape up to the limit (%s): a short 400 naming the field, no handler run', async (_name, body, field) => {
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1_048_576);
    const answer = await post(`${url}/engage`, body);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(field);
    expect(answer.body.length).toBeLessThanOrEqual(1024 * 3);
    expect(handlers.seen).toEqual([]);
  });

  it('a key of the body in a refusal’s log line cannot forge another line', async () => {
    const params = { ['x\nwarn FORGED line']: JSON.parse('['.repeat(40) + ']'.repeat(40)) };
    expect((await call('messages.create', params)).status).toBe(400);
    const refusal = logger.lines.find((line) => line.includes('refused'));
    expect(refusal).toContain('x?warn FORGED line');
    expect(logger.lines.some((line) => line.includes('\n'))).toBe(false);
  });

  it('the body limit defaults to 1 MiB, far below the Send API’s 20 MiB', async () => {
    const answer = await post(`${url}/engage`, Buffer.alloc(1_048_577, 0x20));
    expect(answer.status).toBe(413);
    expect(MAX_BODY_BYTES).toBeGreaterThan(1_048_577);
  });
});
