import { IsOptional } from 'class-validator';
import { IsObjectValue, IsStringValue } from '../../actions/validation/basic-rules.decorators.js';
import { AgentContentDto } from './agent-content.dto.js';

/** Params of `messages.create`: an agent's public message. */
export class AgentMessageDto extends AgentContentDto {
  /** The thread it belongs to (absent when the source has `messages.unthreaded`). */
  @IsOptional()
  @IsStringValue()
  thread_id?: string;

  /** The integration's id of the content it answers. */
  @IsOptional()
  @IsStringValue()
  in_reply_to_id?: string;

  /** A structured content (select, rich link, template, carousel) the agent sent. */
  @IsOptional()
  @IsObjectValue()
  structured_content?: Record<string, unknown>;
}

/** Params of `messages.create`. */
export type AgentMessage = AgentMessageDto;
