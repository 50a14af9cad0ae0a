import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageSendService, EngageServerError } from 'engage-send';
import { EngageEmulator, EngageSendTestingModule } from 'engage-send/testing';

// Your own service, as in your app.
@Injectable()
class WelcomeService {
  constructor(private readonly engage: EngageSendService) {}

  welcome(threadId: string) {
    const author = { id: 'bot', screenname: 'Welcome bot' };
    return this.engage.messages.create({ id: `welcome-${threadId}`, thread_id: threadId, author, body: 'Welcome!' });
  }
}

describe('WelcomeService', () => {
  let moduleRef: TestingModule;
  let emulator: EngageEmulator;

  beforeEach(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [EngageSendTestingModule.forRoot({ moduleOptions: { retry: false } })],
      providers: [WelcomeService],
    }).compile();
    emulator = moduleRef.get(EngageEmulator);
  });
  afterEach(() => moduleRef.close()); // stops the emulator too

  it('welcomes the thread on Engage', async () => {
    await moduleRef.get(WelcomeService).welcome('thread-1');
    const [message] = emulator.accepted('messages.create');
    expect(message?.params).toMatchObject({ thread_id: 'thread-1', body: 'Welcome!' });
  });

  it('fails loudly when Engage is down', async () => {
    emulator.injectFaults({ status: 503 });
    await expect(moduleRef.get(WelcomeService).welcome('thread-1')).rejects.toBeInstanceOf(EngageServerError);
  });
});
