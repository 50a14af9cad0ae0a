import { Injectable } from '@nestjs/common';
import type { EngageContentObject } from 'engage-send';

/** An agent's content as the demo keeps it. */
export interface AgentReply {
  /** The demo's own id for it, answered to Engage (use it with `POST /messages/:id/read`). */
  readonly id: string;
  readonly object: EngageContentObject;
  /** Engage's id of the content. */
  readonly content_id?: string;
  readonly thread_id?: string;
  readonly in_reply_to_id?: string;
  readonly body?: string;
  readonly sender_name?: string;
  /** When the demo received it (ISO 8601). */
  readonly received_at: string;
}

/** Replies kept: the oldest are dropped beyond it, so memory stays flat. */
export const MAX_AGENT_REPLIES = 100;

/** Agents' contents Engage delivered to the demo, in memory, newest last, bounded. */
@Injectable()
export class AgentInbox {
  private readonly replies: AgentReply[] = [];
  private created = 0;

  /** Keeps a reply under a fresh id of the demo's (never Engage's `in_reply_to_id`). */
  add(object: EngageContentObject, content: Omit<AgentReply, 'id' | 'object' | 'received_at'>): AgentReply {
    const reply: AgentReply = { id: `agent-reply-${++this.created}`, object, ...content, received_at: new Date().toISOString() };
    this.replies.push(reply);
    if (this.replies.length > MAX_AGENT_REPLIES) this.replies.shift();
    return reply;
  }

  /** The reply with that id, if still kept. */
  find(id: string): AgentReply | undefined {
    return this.replies.find((reply) => reply.id === id);
  }

  /** Every reply kept, newest first. */
  list(): AgentReply[] {
    return this.replies.toReversed();
  }
}
