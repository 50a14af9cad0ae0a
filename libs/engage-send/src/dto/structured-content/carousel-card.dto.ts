import { CAROUSEL_CARD } from '../../contract/index.js';
import { ContractObject, Field } from '../contract-object.decorator.js';
import type { ButtonDto } from './button.dto.js';
import { CardFieldsDto } from './card-fields.dto.js';

/** One card (a template) of a `carousel`, with up to 4 buttons. */
@ContractObject(CAROUSEL_CARD)
export class CarouselCardDto extends CardFieldsDto {
  /** Optional, and then `template`: the docs call carousel items "templates". */
  @Field() type?: 'template';
  /** Id of a fallback attachment, shown where the carousel can't be rendered. */
  @Field() attachment_fallback_id?: string;
  /** Buttons of the card: up to 4 (`url` or `reply`). */
  @Field() items?: ButtonDto[];
}
