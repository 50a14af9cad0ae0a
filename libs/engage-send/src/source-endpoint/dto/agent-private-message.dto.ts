import { IsOptional } from 'class-validator';
import { IsObjectValue, IsStringValue } from '../../actions/validation/basic-rules.decorators.js';
import { AgentContentDto } from './agent-content.dto.js';

/** Params of `private_messages.create`: an agent's private message (no thread, a recipient). */
export class AgentPrivateMessageDto extends AgentContentDto {
  /** The integration's id of the user it is addressed to. */
  @IsOptional()
  @IsStringValue()
  recipient_id?: string;

  /** The integration's id of the content it answers. */
  @IsOptional()
  @IsStringValue()
  in_reply_to_id?: string;

  /** A structured content the agent sent. */
  @IsOptional()
  @IsObjectValue()
  structured_content?: Record<string, unknown>;
}

/** Params of `private_messages.create`. */
export type AgentPrivateMessage = AgentPrivateMessageDto;
