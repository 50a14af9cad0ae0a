import { describe, expect, it } from '@jest/globals';
import { EngageValidationError, type PreparedSend } from '../../src/index.js';
import { aMessage, sendFixture } from '../support/emulator.fixture.js';

describe('prepare() and sendPrepared(): a send stored before it is delivered', () => {
  const fixture = sendFixture();

  it('prepare() validates and serialises without sending; the body is what send() would send', async () => {
    const prepared = fixture.engage.prepare('messages.create', aMessage() as never);
    expect(fixture.emulator.received).toBe(0);
    expect(prepared).toEqual({ action: 'messages.create', body: JSON.stringify({ action: 'messages.create', params: aMessage() }), contentId: 'msg-1', threadId: 'thread-1' });
  });

  it('prepare() refuses invalid params with the typed error, before anything is sent', () => {
    expect(() => fixture.engage.prepare('messages.create', aMessage({ id: 42 }) as never)).toThrow(EngageValidationError);
    expect(fixture.emulator.received).toBe(0);
  });

  it('sendPrepared() of a JSON round trip delivers exactly the prepared bytes', async () => {
    const stored = JSON.stringify(fixture.engage.prepare('messages.create', aMessage({ body: 'héllo 👋' }) as never));
    const result = await fixture.engage.sendPrepared(JSON.parse(stored) as PreparedSend<'messages.create'>);
    expect(result).toMatchObject({ action: 'messages.create', status: 200, attempts: 1 });
    expect(fixture.emulator.requests).toHaveLength(1);
    expect(fixture.emulator.requests[0]!.rawBody.toString('utf8')).toBe((JSON.parse(stored) as PreparedSend).body);
  });

  it('a prepared typing.start is paced like a direct one', async () => {
    const start = fixture.engage.prepare('typing.start', { thread_id: 't-1', preview: 'Hel' });
    expect(start.typingKey).toBeDefined();
    expect((await fixture.engage.sendPrepared(start)).coalesced).toBe(false);
    expect((await fixture.engage.sendPrepared(start)).coalesced).toBe(true);
    expect(fixture.emulator.requests).toHaveLength(1);
  });
});
