import type { ContentFormat } from '../contract/index.js';
import type { ContextData } from './context-data.js';
import { Field } from './contract-object.decorator.js';

/** A date as Engage takes it: ISO 8601 or `dd/mm/yyyy` text, epoch milliseconds, or a `Date` (sent as ISO 8601). */
export type EngageDate = string | number | Date;

/**
 * Fields every content shares: messages, private messages and threads.
 * Abstract: see {@link MessagesCreateDto}, {@link PrivateMessagesCreateDto},
 * {@link ThreadsCreateDto}. Rules: `src/contract/objects.ts`.
 */
export abstract class ContentDto {
  /** Id of the content on the integration's side (required). Engage refers to it later (replies, `status.mark_as_read`). */
  @Field() id!: string;
  /** What agents may do with this content, e.g. `['show', 'reply']`; anything but the standard actions is a custom action. */
  @Field() actions?: string[];
  /** Categories of the content, e.g. `['TV', 'Internet']`. */
  @Field() categories?: string[];
  /** Free-form data about the content (see {@link ContextData}). */
  @Field() context_data?: ContextData;
  /** When the content was created (see {@link EngageDate}). */
  @Field() created_at?: EngageDate;
  /** When the content was last updated (see {@link EngageDate}). */
  @Field() updated_at?: EngageDate;
  /** Full URI of the content where it lives: http, https or an app scheme. */
  @Field() display_url?: string;
  /** How Engage renders `body`: `html` (Engage's default) or `text`. */
  @Field() format?: ContentFormat;
  /** IP address (v4 or v6) the content was posted from, e.g. `1.2.3.4`. */
  @Field() ip?: string;
}
