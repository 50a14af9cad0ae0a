import { ArrayMaxSize, IsOptional } from 'class-validator';
import { IsOneOf, IsStringValue } from '../../validation/basic-rules.decorators.js';
import { NestedObjectArray } from '../../validation/nested.decorators.js';
import { ButtonDto } from './button.dto.js';
import { CardFieldsDto } from './card-fields.dto.js';
import { STRUCTURED_CONTENT_LIMITS } from './structured-content.limits.js';

const maxButtons = STRUCTURED_CONTENT_LIMITS.carouselCardButtons;

/** One card (a template) of a `carousel`, with up to 4 buttons. */
export class CarouselCardDto extends CardFieldsDto {
  /**
   * Optional, and then `template`: the docs call carousel items "templates", so
   * a template object written for a `template` content is accepted as a card.
   */
  @IsOptional()
  @IsOneOf(['template'])
  type?: 'template';

  /** Id of a fallback attachment, shown where the carousel can't be rendered. */
  @IsOptional()
  @IsStringValue()
  attachment_fallback_id?: string;

  /** Buttons of the card: up to 4 (`url` or `reply`). */
  @IsOptional()
  @NestedObjectArray(() => ButtonDto)
  @ArrayMaxSize(maxButtons, {
    message: `items must contain at most ${maxButtons} buttons`,
    validateIf: (_o, v) => Array.isArray(v),
  })
  items?: ButtonDto[];
}
