import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import type { DeliveryReport } from 'engage-send/testing';
import { EmulatedEngage, type AgentReplyRequest } from './emulated-engage.js';

/**
 * `POST /emulator/agent-replies` (embedded emulator only): an agent answers
 * in "Engage", and the emulator delivers the reply to the demo's `POST /engage`.
 * Body (all optional): `{ "in_reply_to_id", "thread_id", "body", "object", "lose_first_answer" }`.
 * Answers the delivery report: each attempt, and the demo's answer (the reply's id).
 */
@Controller('emulator/agent-replies')
export class EmulatorAgentRepliesController {
  constructor(private readonly engage: EmulatedEngage) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  deliver(@Body() request: AgentReplyRequest = {}): Promise<DeliveryReport> {
    return this.engage.deliverAgentReply(request ?? {});
  }
}
