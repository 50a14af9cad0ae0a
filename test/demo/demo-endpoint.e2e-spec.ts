import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EngageEndpointClient } from 'engage-send/testing';
import request from 'supertest';
import { AgentInbox } from '../../apps/demo/src/agent-replies/agent-inbox.js';
import { bootstrap, type RunningDemo } from '../../apps/demo/src/bootstrap.js';
import { EmulatedEngage } from '../../apps/demo/src/emulated-engage/emulated-engage.js';

/*
 * The demo closes the loop offline: it answers Engage at POST /engage, and
 * the embedded emulator plays Engage's side (implementation.info, list crawl,
 * an agent's reply delivered with Engage's retries) against it.
 */

const author = { id: 'customer-1', screenname: 'Jane Doe' };
const EXCHANGE_EXAMPLE = fileURLToPath(new URL('../../apps/demo/agent-reply-example.sh', import.meta.url));

describe('the demo as an Engage source endpoint, against the embedded emulator', () => {
  let demo: RunningDemo;
  let engage: EngageEndpointClient;

  beforeAll(async () => {
    demo = await bootstrap({ env: { PORT: '0' }, logger: false });
    await demo.app.get(EmulatedEngage).synced;
    engage = new EngageEndpointClient({ url: `${demo.url}/engage`, accessToken: demo.target.accessToken });
  });
  afterAll(async () => {
    await engage.close();
    await demo.close();
  });

  it('declares exactly its handlers and the Send API actions its routes send, with its options', async () => {
    expect(await engage.implementationInfo()).toEqual({
      objects: {
        messages: ['create', 'show'],
        private_messages: ['create'],
        threads: ['create'],
        status: ['mark_as_read'],
      },
      options: ['view.messaging', 'messaging.typing_indicator'],
    });
  });

  it('a crawl of its lists imports nothing: its customers’ contents go through the Send API', async () => {
    for (const object of ['messages', 'private_messages', 'threads']) {
      expect(await engage.crawl(object)).toEqual({ contents: [], calls: 1, lastId: undefined });
    }
  });

  it('a whole exchange: a customer message sent, an agent’s reply delivered back (twice, stored once), marked as read', async () => {
    const http = request(demo.url);
    const sent = await http.post('/messages').send({ id: 'customer-msg-1', thread_id: 'thread-1', author, body: 'My internet is down' });
    expect(sent.status).toBe(201);

    const delivered = await http
      .post('/emulator/agent-replies')
      .send({ in_reply_to_id: 'customer-msg-1', thread_id: 'thread-1', body: 'Have you tried rebooting?', lose_first_answer: true });
    expect(delivered.status).toBe(200);
    expect(delivered.body.outcome).toBe('accepted');
    expect(delivered.body.attempts).toEqual([
      { retry: false, status: 200, failure: 'answer lost' },
      { retry: true, status: 200 },
    ]);
    const replyId: string = delivered.body.answer.id;
    expect(replyId).toMatch(/^agent-reply-\d+$/);

    const replies = await http.get('/agent-replies');
    const stored = replies.body.filter((reply: { in_reply_to_id?: string }) => reply.in_reply_to_id === 'customer-msg-1');
    expect(stored).toEqual([expect.objectContaining({ id: replyId, object: 'messages', thread_id: 'thread-1', body: 'Have you tried rebooting?' })]);

    const read = await http.post(`/messages/${replyId}/read`).send({});
    expect(read.status).toBe(200);
    expect(demo.emulator?.requests.map((r) => [r.action, r.params.id])).toEqual([
      ['messages.create', 'customer-msg-1'],
      ['status.mark_as_read', replyId],
    ]);
  });

  it('a reply delivered again by Engage itself with retry: true is stored once', async () => {
    const inbox = demo.app.get(AgentInbox);
    const before = inbox.list().length;
    const content = { content_id: 'engage-9001', body: 'Same reply', thread_id: 'thread-1' };
    const first = await engage.deliver('messages', content);
    const again = await engage.deliver('messages', { ...content, note: 'delivered again' });
    expect(again.answer).toEqual(first.answer);
    expect(inbox.list().length).toBe(before + 1);
  });

  it('the emulator enforces the declaration, as Engage does: declared actions pass', async () => {
    const typing = await request(demo.url).post('/threads/thread-1/typing').send({ preview: 'I am typ' });
    expect(typing.status).toBe(200);
  });

  it('Engage’s calls are verified: an unsigned one is refused and stores nothing', async () => {
    const before = demo.app.get(AgentInbox).list().length;
    const answer = await request(demo.url).post('/engage').set('content-type', 'text/plain').send('{"action":"messages.create","params":{"body":"forged"}}');
    expect(answer.status).toBe(422);
    expect(demo.app.get(AgentInbox).list().length).toBe(before);
  });

  it('apps/demo/agent-reply-example.sh walks a newcomer through the same exchange', async () => {
    const { stdout } = await promisify(execFile)('bash', [EXCHANGE_EXAMPLE, demo.url]);
    expect(stdout).toMatch(/^Exchange complete: customer-\S+ answered by agent-reply-\d+, marked as read$/m);
  });
});
