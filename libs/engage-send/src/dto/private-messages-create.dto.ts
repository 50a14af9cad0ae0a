import { PRIVATE_MESSAGE } from '../contract/index.js';
import { ContractObject, Field } from './contract-object.decorator.js';
import { MessageContentDto } from './message-content.dto.js';
import type { UserDto } from './user.dto.js';

/**
 * Params of `private_messages.create`: like a message, without `thread_id`
 * (private messages are organised by `in_reply_to_id`) and with a `recipient`.
 */
@ContractObject(PRIVATE_MESSAGE)
export class PrivateMessagesCreateDto extends MessageContentDto {
  /** Who receives the message (required). */
  @Field() recipient!: UserDto;
}

/** Params of `private_messages.create`. */
export type PrivateMessagesCreateParams = PrivateMessagesCreateDto;
