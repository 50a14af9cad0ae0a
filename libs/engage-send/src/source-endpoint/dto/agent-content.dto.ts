import { Field } from '../../dto/contract-object.decorator.js';
import type { AgentAttachmentDto } from './agent-attachment.dto.js';

/**
 * Fields every agent content carries, as Engage delivers it in
 * `<object>.create` (see `contract/endpoint-calls.ts`). Abstract: see
 * {@link AgentMessageDto}, {@link AgentPrivateMessageDto} and {@link AgentThreadDto}.
 */
export abstract class AgentContentDto {
  /** Engage's own id of the content: the key to recognise a delivery made again (see `AgentReplyDeduplicator`). */
  @Field() content_id?: string;
  /** `false` on Engage's first attempt, `true` when Engage delivers the same content again after a failure (up to 3 times). */
  @Field() retry?: boolean;
  /** The text the agent wrote. */
  @Field() body?: string;
  /** `text` or `html`. */
  @Field() format?: string;
  /** Files the agent attached. */
  @Field() attachments?: AgentAttachmentDto[];
  /** The puppetizable user (an id on the integration's side) the agent posted as. */
  @Field() author_id?: string;
  /** The name the agent signs with. */
  @Field() sender_name?: string;
  /** A title, often `null`. */
  @Field() title?: string | null;
  /** When the agent created it (ISO 8601, as Engage writes it). */
  @Field() created_at?: string;
  /** When it was last updated. */
  @Field() updated_at?: string;
}
