import { MESSAGE } from '../contract/index.js';
import { ContractObject, Field } from './contract-object.decorator.js';
import { MessageContentDto } from './message-content.dto.js';

/** Params of `messages.create`: a public message in a thread. */
@ContractObject(MESSAGE)
export class MessagesCreateDto extends MessageContentDto {
  /** Id of the thread the message belongs to; required unless the source has the `messages.unthreaded` option. */
  @Field() thread_id?: string;
}

/** Params of `messages.create`. */
export type MessagesCreateParams = MessagesCreateDto;
