import { Controller, Get } from '@nestjs/common';
import { AgentInbox, type AgentReply } from './agent-inbox.js';

/** `GET /agent-replies`: the agents' contents Engage delivered to `POST /engage`, newest first. */
@Controller('agent-replies')
export class AgentRepliesController {
  constructor(private readonly inbox: AgentInbox) {}

  @Get()
  list(): AgentReply[] {
    return this.inbox.list();
  }
}
