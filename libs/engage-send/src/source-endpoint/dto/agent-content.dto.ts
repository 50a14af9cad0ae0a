import { IsBoolean, IsOptional } from 'class-validator';
import { IsStringValue } from '../../actions/validation/basic-rules.decorators.js';
import { NestedObjectArray } from '../../actions/validation/nested.decorators.js';
import { AgentAttachmentDto } from './agent-attachment.dto.js';

/*
 * An agent's content, as Engage delivers it in `<object>.create`. The spec
 * marks no field required, so every field is checked for its type only when
 * present; fields the contract does not name are kept (Engage may add some).
 * A call is refused only for a value of the wrong type.
 */

/**
 * Fields every agent content carries. Abstract: see {@link AgentMessageDto},
 * {@link AgentPrivateMessageDto} and {@link AgentThreadDto}.
 */
export abstract class AgentContentDto {
  /** Engage's own id of the content: the key to recognise a delivery made again (see `AgentReplyDeduplicator`). */
  @IsOptional()
  @IsStringValue()
  content_id?: string;

  /**
   * `false` on Engage's first attempt, `true` when Engage delivers the same
   * content again after a failure (up to 3 times).
   */
  @IsOptional()
  @IsBoolean()
  retry?: boolean;

  /** The text the agent wrote. */
  @IsOptional()
  @IsStringValue()
  body?: string;

  /** `text` or `html`. */
  @IsOptional()
  @IsStringValue()
  format?: string;

  /** Files the agent attached. */
  @IsOptional()
  @NestedObjectArray(() => AgentAttachmentDto)
  attachments?: AgentAttachmentDto[];

  /** The puppetizable user (an id on the integration's side) the agent posted as. */
  @IsOptional()
  @IsStringValue()
  author_id?: string;

  /** The name the agent signs with. */
  @IsOptional()
  @IsStringValue()
  sender_name?: string;

  /** A title, often `null`. */
  @IsOptional()
  @IsStringValue()
  title?: string | null;

  /** When the agent created it (ISO 8601, as Engage writes it). */
  @IsOptional()
  @IsStringValue()
  created_at?: string;

  /** When it was last updated. */
  @IsOptional()
  @IsStringValue()
  updated_at?: string;
}
