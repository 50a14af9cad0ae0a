import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ENGAGE_ACTIONS, type EngageAction } from '../../src/index.js';
import { aMessage, SOURCE, sendFixture } from '../support/emulator.fixture.js';

/** One valid params object per action. */
const PARAMS: Record<EngageAction, Record<string, unknown>> = {
  'messages.create': aMessage(),
  'private_messages.create': {
    id: 'pm-1',
    author: { id: 'user-1', screenname: 'Jane' },
    recipient: { id: 'agent-1', screenname: 'Agent' },
    body: 'psst',
  },
  'threads.create': { id: 'thread-9', author: { id: 'user-1', screenname: 'Jane' }, body: 'New thread', title: 'Hi' },
  'users.create': { id: 'user-2', screenname: 'Bob', created_at: '2024-05-01T10:00:00Z', updated_at: new Date('2024-05-02T10:00:00Z') },
  'status.mark_as_read': { id: 'msg-1' },
  'typing.start': { thread_id: 'thread-1', preview: 'Hel' },
  'typing.stop': { thread_id: 'thread-1' },
};

describe('the send path, over real HTTP on loopback', () => {
  const fixture = sendFixture();

  it.each(ENGAGE_ACTIONS)('%s is accepted by the emulator, signed over the exact bytes received', async (action) => {
    const result = await fixture.engage.send(action, PARAMS[action] as never);
    expect(result).toMatchObject({ action, sourceId: SOURCE.id, status: 200, attempts: 1 });
    expect(fixture.emulator.requests).toHaveLength(1);
    const [received] = fixture.emulator.requests;
    expect(received.action).toBe(action);
    // Independent HMAC over the raw bytes the server read.
    const expected = createHmac('sha512', SOURCE.accessToken).update(received.rawBody).digest('hex');
    expect(received.signature).toBe(expected);
    expect(received.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(received.headers['content-type']).toBe('application/json; charset=utf-8');
    // The body is the one serialisation of { action, params }.
    expect(received.rawBody.toString('utf8')).toBe(JSON.stringify({ action, params: PARAMS[action] }));
  });

  it('the typed methods send their action', async () => {
    await fixture.engage.messages.create(PARAMS['messages.create'] as never);
    await fixture.engage.privateMessages.create(PARAMS['private_messages.create'] as never);
    await fixture.engage.threads.create(PARAMS['threads.create'] as never);
    await fixture.engage.users.create(PARAMS['users.create'] as never);
    await fixture.engage.status.markAsRead({ id: 'msg-1' });
    await fixture.engage.typing.start({ thread_id: 'thread-2', preview: 'x' });
    await fixture.engage.typing.stop({ thread_id: 'thread-2' });
    expect(fixture.emulator.requests.map((r) => r.action)).toEqual([
      'messages.create',
      'private_messages.create',
      'threads.create',
      'users.create',
      'status.mark_as_read',
      'typing.start',
      'typing.stop',
    ]);
  });

  it('non-ASCII text arrives byte-identical', async () => {
    const text = 'Crème brûlée — “quoted” \'single\' "double" \\ </script><script>alert(1)</script> 👩🏽‍💻🇫🇷 ½ 日本語 \u2028';
    await fixture.engage.messages.create(aMessage({ body: text, author: { id: 'ü-1', screenname: 'Zoë 🙂' } }) as never);
    const [received] = fixture.emulator.requests;
    const expectedBytes = Buffer.from(JSON.stringify({ action: 'messages.create', params: aMessage({ body: text, author: { id: 'ü-1', screenname: 'Zoë 🙂' } }) }), 'utf8');
    expect(received.rawBody.equals(expectedBytes)).toBe(true);
    expect(received.params.body).toBe(text);
    // The UTF-8 bytes of the emoji are on the wire as such, not as \u escapes.
    expect(received.rawBody.includes(Buffer.from('👩🏽‍💻', 'utf8'))).toBe(true);
    expect(received.rawBody.includes(Buffer.from('</script>', 'utf8'))).toBe(true);
  });

  it('sends Date fields as ISO 8601', async () => {
    await fixture.engage.users.create({ id: 'u-9', screenname: 'D', created_at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), updated_at: '2024-01-03' });
    expect(fixture.emulator.requests[0].params).toMatchObject({ created_at: '2024-01-02T03:04:05.000Z', updated_at: '2024-01-03' });
  });

  it('the example bodies of the Send API page are sent as written and accepted', async () => {
    const examples = [
      { action: 'messages.create', params: { id: '890', actions: ['reply', 'show', 'list'], author: { id: '666', created_at: '07/11/2019', screenname: 'John Doe' }, body: 'Awesome post !', format: 'text', thread_id: '42' } },
      { action: 'messages.create', params: { id: '890', author: { id: '666', created_at: '06/11/2017', screenname: 'John Doe' }, body: 'Awesome post !', thread_id: '42' } },
      { action: 'status.mark_as_read', params: { id: '890' } },
      { action: 'typing.start', params: { thread_id: '42', in_reply_to_id: '890', preview: 'Hello world' } },
      { action: 'typing.stop', params: { thread_id: '42', in_reply_to_id: '890' } },
    ] as const;
    for (const { action, params } of examples) await fixture.engage.send(action, params as never);
    expect(fixture.emulator.requests.map((r) => r.rawBody.toString())).toEqual(examples.map((e) => JSON.stringify(e)));
  });
});
