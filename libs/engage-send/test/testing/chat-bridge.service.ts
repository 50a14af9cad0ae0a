// chat-bridge.service.ts
import { Injectable } from '@nestjs/common';
import { EngageSendService } from 'engage-send';

@Injectable()
export class ChatBridge {
  constructor(private readonly engage: EngageSendService) {}

  relay(threadId: string, messageId: string, text: string) {
    return this.engage.messages.create({
      id: messageId,
      thread_id: threadId,
      author: { id: 'customer-666', screenname: 'John Doe' },
      body: text,
    });
  }
}
