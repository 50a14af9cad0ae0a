import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageSendModule, EngageSendService, EngageValidationError, type PreparedSend } from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';

describe('prepare() and sendPrepared(): a send stored before it is delivered', () => {
  let emulator: EngageEmulator;
  let moduleRef: TestingModule;
  let engage: EngageSendService;

  beforeAll(async () => {
    emulator = await startEmulator();
    moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken })],
    }).compile();
    engage = moduleRef.get(EngageSendService);
  });
  afterAll(async () => {
    await moduleRef.close();
    await emulator.stop();
  });
  beforeEach(() => emulator.reset());

  it('prepare() validates and serialises without sending; the body is what send() would send', async () => {
    const prepared = engage.prepare('messages.create', aMessage() as never);
    expect(emulator.received).toBe(0);
    expect(prepared).toEqual({ action: 'messages.create', body: JSON.stringify({ action: 'messages.create', params: aMessage() }), contentId: 'msg-1', threadId: 'thread-1' });
  });

  it('prepare() refuses invalid params with the typed error, before anything is sent', () => {
    expect(() => engage.prepare('messages.create', aMessage({ id: 42 }) as never)).toThrow(EngageValidationError);
    expect(emulator.received).toBe(0);
  });

  it('sendPrepared() of a JSON round trip delivers exactly the prepared bytes', async () => {
    const stored = JSON.stringify(engage.prepare('messages.create', aMessage({ body: 'héllo 👋' }) as never));
    const result = await engage.sendPrepared(JSON.parse(stored) as PreparedSend<'messages.create'>);
    expect(result).toMatchObject({ action: 'messages.create', status: 200, attempts: 1 });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]!.rawBody.toString('utf8')).toBe((JSON.parse(stored) as PreparedSend).body);
  });

  it('a prepared typing.start is paced like a direct one', async () => {
    const start = engage.prepare('typing.start', { thread_id: 't-1', preview: 'Hel' });
    expect(start.typingKey).toBeDefined();
    expect((await engage.sendPrepared(start)).coalesced).toBe(false);
    expect((await engage.sendPrepared(start)).coalesced).toBe(true);
    expect(emulator.requests).toHaveLength(1);
  });
});
