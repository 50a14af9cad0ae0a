import { IsOptional, ValidateIf } from 'class-validator';
import { AttachmentDto } from './attachment.dto.js';
import { MAX_BODY_LENGTH } from './content-limits.js';
import { ContentDto } from './content.dto.js';
import { StructuredReplyDto } from './structured-reply.dto.js';
import { structuredContentClass, type StructuredContent } from './structured-content/structured-content.dto.js';
import { UserDto } from './user.dto.js';
import { IsPresent, IsRequiredString, IsStringValue } from '../validation/basic-rules.decorators.js';
import { MaxChars } from '../validation/max-chars.decorator.js';
import { NestedObject, NestedObjectArray } from '../validation/nested.decorators.js';

interface BodyFields {
  body?: unknown;
  attachments?: unknown;
}

/**
 * `body` is checked when given, or when there are no attachments to stand in
 * for it. An empty string counts as absent (as Engage treats it), so `""`
 * next to attachments is fine.
 */
function bodyIsChecked(content: BodyFields): boolean {
  const hasBody = content.body !== undefined && content.body !== null && content.body !== '';
  return hasBody || !(Array.isArray(content.attachments) && content.attachments.length > 0);
}

/**
 * Fields a message and a private message share. Abstract: see
 * {@link MessagesCreateDto} and {@link PrivateMessagesCreateDto}.
 */
export abstract class MessageContentDto extends ContentDto {
  /** Who wrote the message (required). */
  @IsPresent()
  @NestedObject(() => UserDto)
  author!: UserDto;

  /**
   * Text of the message, at most 20 000 characters (Unicode code points: an
   * emoji is one). Required unless `attachments` holds at least one file.
   */
  @ValidateIf(bodyIsChecked)
  @IsRequiredString('body is required unless attachments are given')
  @MaxChars(MAX_BODY_LENGTH)
  body?: string;

  /** Files attached to the message; each `{ url }` or `{ content, filename }`. Required unless `body`. */
  @IsOptional()
  @NestedObjectArray(() => AttachmentDto)
  attachments?: AttachmentDto[];

  /** Id of the content this one answers; must be a valid content id. */
  @IsOptional()
  @IsRequiredString()
  in_reply_to_id?: string;

  /** Language of the message, e.g. `en`. */
  @IsOptional()
  @IsStringValue()
  language?: string;

  /**
   * A select, rich link, template or carousel. Needs the source's
   * `view.messaging` option and a puppetizable author: `author.puppetizable:
   * true`, or an identity created puppetizable earlier with `users.create`
   * (Engage knows; the client can't, so it doesn't check).
   */
  @IsOptional()
  @NestedObject(structuredContentClass)
  structured_content?: StructuredContent;

  /** The customer's answer to a structured content, e.g. `{ payload: 'DEFINED_PAYLOAD' }`. */
  @IsOptional()
  @NestedObject(() => StructuredReplyDto)
  structured_reply?: StructuredReplyDto;
}
