import { TEMPLATE } from '../../contract/index.js';
import { ContractObject, Field } from '../contract-object.decorator.js';
import type { ButtonDto } from './button.dto.js';
import { CardFieldsDto } from './card-fields.dto.js';

/** A `template` structured content: a card with a title, optional picture, link and buttons. */
@ContractObject(TEMPLATE)
export class TemplateContentDto extends CardFieldsDto {
  /** Always `template`. */
  @Field() type!: 'template';
  /** Buttons of the card (`url` or `reply`). */
  @Field() items?: ButtonDto[];
}
