import { AGENT_MESSAGE } from '../../contract/index.js';
import { ContractObject, Field } from '../../dto/contract-object.decorator.js';
import { AgentContentDto } from './agent-content.dto.js';

/** Params of `messages.create`: an agent's public message. */
@ContractObject(AGENT_MESSAGE)
export class AgentMessageDto extends AgentContentDto {
  /** The thread it belongs to (absent when the source has `messages.unthreaded`). */
  @Field() thread_id?: string;
  /** The integration's id of the content it answers. */
  @Field() in_reply_to_id?: string;
  /** A structured content (select, rich link, template, carousel) the agent sent. */
  @Field() structured_content?: Record<string, unknown>;
}

/** Params of `messages.create`. */
export type AgentMessage = AgentMessageDto;
