import { Allow } from 'class-validator';
import type { TypeHelpOptions } from 'class-transformer';
import { IsOneOf, IsPresent } from '../../validation/basic-rules.decorators.js';
import { CarouselContentDto } from './carousel.dto.js';
import { RichLinkContentDto } from './rich-link.dto.js';
import { SelectContentDto } from './select.dto.js';
import { STRUCTURED_CONTENT_TYPES, type StructuredContentType } from './structured-content.limits.js';
import { TemplateContentDto } from './template.dto.js';

/**
 * A message's `structured_content`: one of the four types, told apart by `type`.
 * Needs the source's `view.messaging` option and a puppetizable author.
 */
export type StructuredContent = SelectContentDto | RichLinkContentDto | TemplateContentDto | CarouselContentDto;

/**
 * Stand-in for a structured content whose `type` is missing or unknown: only
 * its `type` is reported (with Engage's own wording when missing). The fields of
 * the real types are allowed here so they don't each add an "unknown property"
 * error on top of the one mistake.
 */
export class UnknownStructuredContentDto {
  /** Missing or not one of the known types: that is the error. */
  @IsPresent('Type is required for structured contents')
  @IsOneOf(STRUCTURED_CONTENT_TYPES)
  type?: unknown;

  /** Field of `select`, `template` and `carousel`: allowed, not checked until `type` is known. */
  @Allow()
  items?: unknown;

  /** Field of `rich_link` and `template`: allowed, not checked until `type` is known. */
  @Allow()
  url?: unknown;

  /** Field of `rich_link` and `template`: allowed, not checked until `type` is known. */
  @Allow()
  title?: unknown;

  /** Field of `rich_link` and `template`: allowed, not checked until `type` is known. */
  @Allow()
  url_text?: unknown;

  /** Field of `rich_link` and `template`: allowed, not checked until `type` is known. */
  @Allow()
  subtitle?: unknown;

  /** Field of `rich_link` and `template`: allowed, not checked until `type` is known. */
  @Allow()
  attachment_url?: unknown;
}

const CLASS_BY_TYPE: ReadonlyMap<unknown, new () => object> = new Map<StructuredContentType, new () => object>([
  ['select', SelectContentDto],
  ['rich_link', RichLinkContentDto],
  ['template', TemplateContentDto],
  ['carousel', CarouselContentDto],
]);

/**
 * class-transformer type picker for `structured_content`: the class of its
 * `type`, else {@link UnknownStructuredContentDto}. Used instead of
 * class-transformer's `discriminator` option, which reads `item.type` without a
 * null check when given an array (and would throw on `[null]`).
 */
export function structuredContentClass(options?: TypeHelpOptions): new () => object {
  const value: unknown = options?.object[options.property];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return UnknownStructuredContentDto;
  return CLASS_BY_TYPE.get((value as { type?: unknown }).type) ?? UnknownStructuredContentDto;
}
