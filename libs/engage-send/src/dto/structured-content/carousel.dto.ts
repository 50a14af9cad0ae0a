import { CAROUSEL } from '../../contract/index.js';
import { ContractObject, Field } from '../contract-object.decorator.js';
import type { CarouselCardDto } from './carousel-card.dto.js';

/** A `carousel` structured content: 1 to 10 cards the customer scrolls through. */
@ContractObject(CAROUSEL)
export class CarouselContentDto {
  /** Always `carousel`. */
  @Field() type!: 'carousel';
  /** The cards: 1 to 10. */
  @Field() items!: CarouselCardDto[];
}
