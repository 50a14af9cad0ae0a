import { IsOptional } from 'class-validator';
import { IsOneOf, IsRequiredString, IsStringValue } from '../../validation/basic-rules.decorators.js';
import { MaxChars } from '../../validation/max-chars.decorator.js';
import { IsHttpUrl, IsLinkUrl } from '../../validation/url.decorators.js';
import { STRUCTURED_CONTENT_LIMITS } from './structured-content.limits.js';

/** A `rich_link` structured content: a link preview with title, text and picture. */
export class RichLinkContentDto {
  /** Always `rich_link`. */
  @IsOneOf(['rich_link'])
  type!: 'rich_link';

  /** The link (required, at most 2048 characters; http, https or an app scheme). */
  @IsRequiredString()
  @IsLinkUrl()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.url)
  url!: string;

  /** Title of the preview (required, at most 350 characters). */
  @IsRequiredString()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.title)
  title!: string;

  /** Label of the link (at most 80 characters). */
  @IsOptional()
  @IsStringValue()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.urlText)
  url_text?: string;

  /** Text under the title (at most 1000 characters). */
  @IsOptional()
  @IsStringValue()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.subtitle)
  subtitle?: string;

  /** Picture of the preview: a public http(s) jpg/jpeg/png under 5 MB, which Engage downloads. */
  @IsOptional()
  @IsStringValue()
  @IsHttpUrl()
  attachment_url?: string;
}
