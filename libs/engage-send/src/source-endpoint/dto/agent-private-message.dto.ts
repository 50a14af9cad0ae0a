import { AGENT_PRIVATE_MESSAGE } from '../../contract/index.js';
import { ContractObject, Field } from '../../dto/contract-object.decorator.js';
import { AgentContentDto } from './agent-content.dto.js';

/** Params of `private_messages.create`: an agent's private message (no thread, a recipient). */
@ContractObject(AGENT_PRIVATE_MESSAGE)
export class AgentPrivateMessageDto extends AgentContentDto {
  /** The integration's id of the user it is addressed to. */
  @Field() recipient_id?: string;
  /** The integration's id of the content it answers. */
  @Field() in_reply_to_id?: string;
  /** A structured content the agent sent. */
  @Field() structured_content?: Record<string, unknown>;
}

/** Params of `private_messages.create`. */
export type AgentPrivateMessage = AgentPrivateMessageDto;
