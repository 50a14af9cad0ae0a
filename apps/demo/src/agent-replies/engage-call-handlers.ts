import { Injectable } from '@nestjs/common';
import {
  AgentReplyDeduplicator,
  OnEngageCall,
  type AgentMessage,
  type AgentPrivateMessage,
  type AgentThread,
  type ContentIdCall,
  type EngageContentObject,
} from 'engage-send';
import { AgentInbox, type AgentReply } from './agent-inbox.js';

/**
 * The demo's answers to Engage's calls: agents' replies are kept in the
 * inbox (once per Engage `content_id`, however many times Engage delivers
 * them), and can be shown. `implementation.info` is the library's.
 */
@Injectable()
export class DemoEngageHandlers {
  private readonly once = new AgentReplyDeduplicator();

  constructor(private readonly inbox: AgentInbox) {}

  @OnEngageCall('messages.create')
  message(message: AgentMessage): Promise<AgentReply> {
    return this.keep('messages', message);
  }

  @OnEngageCall('private_messages.create')
  privateMessage(message: AgentPrivateMessage): Promise<AgentReply> {
    return this.keep('private_messages', message);
  }

  @OnEngageCall('threads.create')
  thread(thread: AgentThread): Promise<AgentReply> {
    return this.keep('threads', thread);
  }

  @OnEngageCall('messages.show')
  show({ id }: ContentIdCall): AgentReply | Record<string, never> {
    return this.inbox.find(id) ?? {};
  }

  private keep(object: EngageContentObject, content: AgentMessage | AgentPrivateMessage | AgentThread): Promise<AgentReply> {
    return this.once.once(content, () =>
      this.inbox.add(object, {
        content_id: content.content_id,
        thread_id: 'thread_id' in content ? content.thread_id : undefined,
        in_reply_to_id: 'in_reply_to_id' in content ? content.in_reply_to_id : undefined,
        body: content.body,
        sender_name: content.sender_name,
      }),
    );
  }
}
