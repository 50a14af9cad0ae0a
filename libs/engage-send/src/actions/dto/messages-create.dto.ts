import { IsOptional } from 'class-validator';
import { MessageContentDto } from './message-content.dto.js';
import { IsRequiredString } from '../validation/basic-rules.decorators.js';
import { MESSAGES_UNTHREADED } from '../validation/source-option-groups.js';

/** Params of `messages.create`: a public message in a thread. */
export class MessagesCreateDto extends MessageContentDto {
  /**
   * Id of the thread the message belongs to. Required, unless the source has
   * the `messages.unthreaded` option (then Engage ignores it). Optional in the
   * type for that reason; the validator enforces it for threaded sources.
   */
  @IsOptional({ groups: [MESSAGES_UNTHREADED] })
  @IsRequiredString()
  thread_id?: string;
}

/** Params of `messages.create`. */
export type MessagesCreateParams = MessagesCreateDto;
