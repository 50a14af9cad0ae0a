import { MessageContentDto } from './message-content.dto.js';
import { UserDto } from './user.dto.js';
import { IsPresent } from '../validation/basic-rules.decorators.js';
import { NestedObject } from '../validation/nested.decorators.js';

/**
 * Params of `private_messages.create`: a private message. Like a message, but
 * without `thread_id` (private messages are organised by `in_reply_to_id`; a
 * `thread_id` is an unknown property) and with a required `recipient`.
 */
export class PrivateMessagesCreateDto extends MessageContentDto {
  /** Who receives the message (required). */
  @IsPresent()
  @NestedObject(() => UserDto)
  recipient!: UserDto;
}

/** Params of `private_messages.create`. */
export type PrivateMessagesCreateParams = PrivateMessagesCreateDto;
