import { IsIP, IsOptional } from 'class-validator';
import { CONTENT_FORMATS, type ContentFormat } from './content-limits.js';
import type { ContextData } from './context-data.js';
import { IsOneOf, IsRequiredString, IsStringArray, IsStringValue } from '../validation/basic-rules.decorators.js';
import { IsContextData } from '../validation/context-data.decorator.js';
import { IsEngageDate } from '../validation/engage-date.decorator.js';
import { IsLinkUrl } from '../validation/url.decorators.js';

/**
 * Fields every content shares: messages, private messages and threads.
 * Abstract: see {@link MessagesCreateDto}, {@link PrivateMessagesCreateDto},
 * {@link ThreadsCreateDto}.
 */
export abstract class ContentDto {
  /**
   * Id of the content on the integration's side (required, non-empty). Engage
   * refers to it later (replies, `in_reply_to_id`, `status.mark_as_read`).
   */
  @IsRequiredString()
  id!: string;

  /**
   * What agents may do with this content, e.g. `['show', 'reply']`. Standard
   * actions: `create`, `delete`, `list`, `publish`, `show`, `unpublish`,
   * `reply`; anything else is a custom action.
   */
  @IsOptional()
  @IsStringArray()
  actions?: string[];

  /** Categories of the content, e.g. `['TV', 'Internet']`. */
  @IsOptional()
  @IsStringArray()
  categories?: string[];

  /** Free-form data about the content (see {@link ContextData}). */
  @IsOptional()
  @IsContextData()
  context_data?: ContextData;

  /** When the content was created: `2012-02-10`, `2012-10-01T17:18:40Z` (ISO 8601), or a `Date`. */
  @IsOptional()
  @IsEngageDate()
  created_at?: string | Date;

  /** When the content was last updated; same forms as `created_at`. */
  @IsOptional()
  @IsEngageDate()
  updated_at?: string | Date;

  /**
   * Full URI of the content where it lives (shown to agents): an absolute URL,
   * http, https or an app scheme (not `javascript:`, `data:`, `vbscript:`, `file:`).
   */
  @IsOptional()
  @IsStringValue()
  @IsLinkUrl()
  display_url?: string;

  /** How Engage renders `body`: `html` (Engage's default) or `text`. */
  @IsOptional()
  @IsOneOf(CONTENT_FORMATS)
  format?: ContentFormat;

  /** IP address (v4 or v6) the content was posted from, e.g. `1.2.3.4`. */
  @IsOptional()
  @IsStringValue()
  @IsIP(undefined, {
    message: 'ip must be an IPv4 or IPv6 address',
    validateIf: (_o: object, value: unknown) => typeof value === 'string',
  })
  ip?: string;
}
