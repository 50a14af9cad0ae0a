import type { CarouselContentDto } from './carousel.dto.js';
import type { RichLinkContentDto } from './rich-link.dto.js';
import type { SelectContentDto } from './select.dto.js';
import type { TemplateContentDto } from './template.dto.js';

/**
 * A message's `structured_content`: one of the four types, told apart by `type`.
 * Needs the source's `view.messaging` option and a puppetizable author.
 */
export type StructuredContent = SelectContentDto | RichLinkContentDto | TemplateContentDto | CarouselContentDto;
