// chat-bridge.service.spec.ts
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageServerError } from 'engage-send';
import { EngageEmulator, EngageSendTestingModule } from 'engage-send/testing';
import { ChatBridge } from './chat-bridge.service.js';

let moduleRef: TestingModule;
let emulator: EngageEmulator;

beforeEach(async () => {
  moduleRef = await Test.createTestingModule({
    imports: [EngageSendTestingModule.forRoot({ moduleOptions: { retry: false } })],
    providers: [ChatBridge],
  }).compile();
  emulator = moduleRef.get(EngageEmulator);
});
afterEach(() => moduleRef.close()); // stops the emulator too

it('relays the message to Engage, signed', async () => {
  await moduleRef.get(ChatBridge).relay('thread-42', 'msg-890', 'My internet is down');
  const [message] = emulator.accepted('messages.create');
  expect(message?.params).toMatchObject({ id: 'msg-890', thread_id: 'thread-42', body: 'My internet is down' });
});

it('fails with a typed error when Engage is down', async () => {
  emulator.injectFaults({ status: 503, body: 'Service Unavailable' });
  await expect(moduleRef.get(ChatBridge).relay('thread-42', 'msg-891', 'Hello?')).rejects.toBeInstanceOf(EngageServerError);
});
