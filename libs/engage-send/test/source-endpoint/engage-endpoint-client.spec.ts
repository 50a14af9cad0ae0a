import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplication } from '@nestjs/common';
import {
  AgentReplyDeduplicator,
  EngageContentError,
  EngageInvalidActionError,
  EngageSendService,
  OnEngageCall,
  type AgentMessage,
  type ListCall,
} from '../../src/index.js';
import {
  declaredSource,
  EngageEmulator,
  EngageEndpointCallError,
  EngageEndpointClient,
  readImplementationInfo,
  type EmulatorSource,
} from '../../src/testing/index.js';
import { RecordingServer } from '../support/recording-server.js';
import { appWith, PLATFORMS, startApp } from './endpoint-test-kit.js';

/*
 * The emulator's Engage side against the library's endpoint, over real HTTP:
 * implementation.info (and the Send API refusing what was not declared), a
 * list crawl with since_id, agents' replies delivered with Engage's retries,
 * and every answer's signature checked.
 */

const SOURCE: EmulatorSource = { id: 'src-client', accessToken: 'tok-client-81c2-SECRET' };

@Injectable()
class Inbox {
  /** The integration's contents, oldest first. */
  readonly contents = ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => ({ id, body: `content ${id}` }));
  readonly stored: { id: string; content_id?: string; retry?: boolean }[] = [];
  readonly replies = new AgentReplyDeduplicator();
  failures = 0;
  contentError: EngageContentError | undefined;

  @OnEngageCall('messages.list')
  list({ since_id }: ListCall) {
    const after = since_id === undefined ? 0 : this.contents.findIndex((c) => c.id === since_id) + 1;
    // At most two per call: the oldest ones after since_id.
    return this.contents.slice(after, after + 2);
  }

  @OnEngageCall('messages.create')
  create(message: AgentMessage) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('temporarily down');
    }
    if (this.contentError) throw this.contentError;
    return this.replies.once(message, () => {
      const reply = { id: `reply-${this.stored.length + 1}`, content_id: message.content_id, retry: message.retry };
      this.stored.push(reply);
      return reply;
    });
  }
}

describe('EngageEndpointClient against the endpoint', () => {
  let emulator: EngageEmulator;
  let app: INestApplication;
  let inbox: Inbox;
  let client: EngageEndpointClient;
  let url: string;

  beforeAll(async () => {
    emulator = new EngageEmulator({ sources: [SOURCE] });
    await emulator.start();
    ({ app, url } = await startApp(
      PLATFORMS[0][1],
      appWith(
        {
          baseUrl: emulator.baseUrl,
          sourceId: SOURCE.id,
          accessToken: SOURCE.accessToken,
          retry: false,
          sourceOptions: ['view.messaging'],
          endpoint: { path: '/engage', sends: ['messages.create', 'status.mark_as_read'] },
        },
        Inbox,
      ),
    ));
    inbox = app.get(Inbox);
    client = new EngageEndpointClient({ url: `${url}/engage`, accessToken: SOURCE.accessToken });
  });
  afterAll(async () => {
    await client.close();
    await app.close();
    await emulator.stop();
  });
  beforeEach(() => {
    inbox.stored.length = 0;
    inbox.failures = 0;
    inbox.contentError = undefined;
  });

  it('implementation.info: what the app declares; the emulator then refuses the Send API actions it did not declare', async () => {
    const info = await client.implementationInfo();
    expect(info).toEqual({ objects: { messages: ['create', 'list'], status: ['mark_as_read'] }, options: ['view.messaging'] });
    emulator.addSource(declaredSource(SOURCE, info));
    const engage = app.get(EngageSendService);
    await expect(engage.status.markAsRead({ id: 'reply-1' })).resolves.toMatchObject({ status: 200 });
    await expect(engage.threads.create({ id: 't1', author: { id: 'u1', screenname: 'U' }, body: 'hi' })).rejects.toBeInstanceOf(EngageInvalidActionError);
    await expect(engage.users.create({ id: 'u1', screenname: 'U', created_at: '2024-01-01', updated_at: '2024-01-01' })).resolves.toMatchObject({ status: 200 });
  });

  it('the signature as a query parameter works the same', async () => {
    const byQuery = new EngageEndpointClient({ url: `${url}/engage`, accessToken: SOURCE.accessToken, signatureIn: 'query' });
    await expect(byQuery.implementationInfo()).resolves.toMatchObject({ objects: { messages: ['create', 'list'] } });
    await byQuery.close();
  });

  it('crawls list with since_id: every content once, in import order', async () => {
    const crawl = await client.crawl('messages');
    expect(crawl.contents.map((c) => c.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(crawl).toMatchObject({ calls: 4, lastId: 'm5' });
    expect(await client.crawl('messages', { sinceId: 'm5' })).toEqual({ contents: [], calls: 1, lastId: 'm5' });
  });

  it('delivers an agent reply, retrying with retry: true while the integration fails', async () => {
    inbox.failures = 2;
    const report = await client.deliver('messages', { body: 'Hello', content_id: 'c-1', in_reply_to_id: 'm1', thread_id: 't1' });
    expect(report.outcome).toBe('accepted');
    expect(report.attempts.map((a) => [a.retry, a.status])).toEqual([
      [false, 500],
      [true, 500],
      [true, 200],
    ]);
    expect(inbox.stored).toEqual([{ id: 'reply-1', content_id: 'c-1', retry: true }]);
  });

  it('an answer lost after the reply was stored: delivered again with retry: true, stored once', async () => {
    const report = await client.deliver('messages', { body: 'Hello', content_id: 'c-2' }, { loseAnswers: 1 });
    expect(report.attempts.map((a) => [a.retry, a.status, a.failure])).toEqual([
      [false, 200, 'answer lost'],
      [true, 200, undefined],
    ]);
    expect(report.answer).toEqual({ id: 'reply-1', content_id: 'c-2', retry: false });
    expect(inbox.stored).toHaveLength(1);
  });

  it('gives up after 3 retries', async () => {
    inbox.failures = 10;
    const report = await client.deliver('messages', { body: 'Hello', content_id: 'c-3' });
    expect(report.outcome).toBe('failed');
    expect(report.attempts.map((a) => a.retry)).toEqual([false, true, true, true]);
  });

  it('an error about the content: retried unless fatal', async () => {
    inbox.contentError = new EngageContentError('Conversation closed', { fatal: true });
    const fatal = await client.deliver('messages', { body: 'Hello', content_id: 'c-4' });
    expect(fatal).toMatchObject({ outcome: 'content_error', answer: { error: { fatal: true, message: 'Conversation closed' } } });
    expect(fatal.attempts).toHaveLength(1);
    inbox.contentError = new EngageContentError('Try later');
    expect((await client.deliver('messages', { body: 'Hello', content_id: 'c-5' })).attempts).toHaveLength(4);
  });

  it('a crawl refuses an integration that ignores since_id', async () => {
    const loop = new RecordingServer((_req, res) => res.end('[{"id":"a"}]'));
    await loop.start();
    // Unsigned answers are refused first; this one signs correctly but repeats itself.
    const signing = new RecordingServer((_req, res) => {
      const body = '[{"id":"a"}]';
      res.setHeader('x-smccsdk-signature', signBodyForTest(body));
      res.end(body);
    });
    await signing.start();
    const unsigned = new EngageEndpointClient({ url: loop.baseUrl, accessToken: SOURCE.accessToken });
    const repeating = new EngageEndpointClient({ url: signing.baseUrl, accessToken: SOURCE.accessToken });
    await expect(unsigned.crawl('messages')).rejects.toThrow('messages.list: answer not signed over its bytes with the access token');
    await expect(repeating.crawl('messages')).rejects.toThrow('content a answered again after since_id a');
    await Promise.all([unsigned.close(), repeating.close(), loop.stop(), signing.stop()]);
  });

  it('checks every answer’s signature: a wrong one fails implementation.info and counts as a failed delivery', async () => {
    const forger = new RecordingServer((_req, res) => {
      res.setHeader('x-smccsdk-signature', 'ab'.repeat(64));
      res.end('{"id":"forged","objects":{}}');
    });
    await forger.start();
    const forged = new EngageEndpointClient({ url: forger.baseUrl, accessToken: SOURCE.accessToken });
    const failure = await forged.implementationInfo().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngageEndpointCallError);
    expect(String(failure)).not.toContain(SOURCE.accessToken);
    const report = await forged.deliver('messages', { body: 'x', content_id: 'c-9' });
    expect(report.outcome).toBe('failed');
    expect(report.attempts.every((a) => a.failure === 'answer not signed over its bytes')).toBe(true);
    // Engage's calls are signed too: the forger saw a valid signature on each.
    expect(forger.seen).toHaveLength(5);
    await forged.close();
    await forger.stop();
  });
});

function signBodyForTest(body: string): string {
  return createHmac('sha512', SOURCE.accessToken).update(body).digest('hex');
}

describe('readImplementationInfo', () => {
  it('reads the object shape and the PHP sample’s flat list alike', () => {
    const expected = { objects: { messages: ['list', 'create'], status: ['mark_as_read'] }, options: ['view.messaging'] };
    expect(readImplementationInfo({ objects: { messages: ['list', 'create'], status: ['mark_as_read'] }, options: ['view.messaging'] })).toEqual(expected);
    expect(readImplementationInfo({ objects: ['messages.list', 'messages.create', 'status.mark_as_read'], options: ['view.messaging'] })).toEqual(expected);
    expect(readImplementationInfo(['messages.list', 'messages.create', 'status.mark_as_read'])).toEqual({ ...expected, options: [] });
  });

  it.each([['"objects"', 'a JSON object'], [{ objects: { messages: 'list' } }, 'objects.messages must be an array'], [{ objects: ['list'] }, 'is not "<object>.<operation>"'], [{ options: 'x' }, 'options must be an array']])(
    'refuses %j',
    (answer, message) => {
      expect(() => readImplementationInfo(answer)).toThrow(message);
    },
  );
});
