import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { IsOneOf, IsPresent } from '../../validation/basic-rules.decorators.js';
import { NestedObjectArray } from '../../validation/nested.decorators.js';
import { CarouselCardDto } from './carousel-card.dto.js';
import { STRUCTURED_CONTENT_LIMITS } from './structured-content.limits.js';

const { min, max } = STRUCTURED_CONTENT_LIMITS.carouselItems;

/** A `carousel` structured content: 1 to 10 cards the customer scrolls through. */
export class CarouselContentDto {
  /** Always `carousel`. */
  @IsOneOf(['carousel'])
  type!: 'carousel';

  /** The cards: 1 to 10. */
  @IsPresent()
  @NestedObjectArray(() => CarouselCardDto)
  @ArrayMinSize(min, { message: `items must contain at least ${min} card`, validateIf: (_o, v) => Array.isArray(v) })
  @ArrayMaxSize(max, { message: `items must contain at most ${max} cards`, validateIf: (_o, v) => Array.isArray(v) })
  items!: CarouselCardDto[];
}
