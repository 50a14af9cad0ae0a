import { IsOptional } from 'class-validator';
import { IsRequiredString, IsStringValue } from '../../validation/basic-rules.decorators.js';
import { MaxChars } from '../../validation/max-chars.decorator.js';
import { IsHttpUrl, IsLinkUrl } from '../../validation/url.decorators.js';
import { STRUCTURED_CONTENT_LIMITS } from './structured-content.limits.js';

/**
 * Fields a `template` and a `carousel` card share. Abstract: they differ in
 * their `type` and in how many buttons they may hold.
 */
export abstract class CardFieldsDto {
  /** Title of the card (required, at most 350 characters). */
  @IsRequiredString()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.title)
  title!: string;

  /** Text under the title (at most 1000 characters). */
  @IsOptional()
  @IsStringValue()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.subtitle)
  subtitle?: string;

  /** Link opened from the card (at most 2048 characters; http, https or an app scheme). */
  @IsOptional()
  @IsStringValue()
  @IsLinkUrl()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.url)
  url?: string;

  /** Label of `url` (at most 80 characters). */
  @IsOptional()
  @IsStringValue()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.urlText)
  url_text?: string;

  /** Picture of the card: a public http(s) jpg/jpeg/png under 5 MB, which Engage downloads. */
  @IsOptional()
  @IsStringValue()
  @IsHttpUrl()
  attachment_url?: string;
}
