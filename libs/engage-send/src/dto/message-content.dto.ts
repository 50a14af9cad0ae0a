import type { AttachmentDto } from './attachment.dto.js';
import { ContentDto } from './content.dto.js';
import { Field } from './contract-object.decorator.js';
import type { StructuredContent } from './structured-content/structured-content.js';
import type { StructuredReplyDto } from './structured-reply.dto.js';
import type { UserDto } from './user.dto.js';

/**
 * Fields a message and a private message share. Abstract: see
 * {@link MessagesCreateDto} and {@link PrivateMessagesCreateDto}.
 */
export abstract class MessageContentDto extends ContentDto {
  /** Who wrote the message (required). */
  @Field() author!: UserDto;
  /**
   * Text of the message, at most 20 000 characters (Unicode code points).
   * Required unless `attachments` or a `structured_content` is given.
   */
  @Field() body?: string;
  /** Files attached to the message; each `{ url }` or `{ content, filename }`. */
  @Field() attachments?: AttachmentDto[];
  /** Id of the content this one answers. */
  @Field() in_reply_to_id?: string;
  /** Language of the message, e.g. `en`. */
  @Field() language?: string;
  /**
   * A select, rich link, template or carousel. Needs the source's
   * `view.messaging` option and a puppetizable author (Engage checks both).
   */
  @Field() structured_content?: StructuredContent;
  /** The customer's answer to a structured content, e.g. `{ payload: 'DEFINED_PAYLOAD' }`. */
  @Field() structured_reply?: StructuredReplyDto;
}
