import { IsOptional } from 'class-validator';
import { IsOneOf } from '../../validation/basic-rules.decorators.js';
import { NestedObjectArray } from '../../validation/nested.decorators.js';
import { ButtonDto } from './button.dto.js';
import { CardFieldsDto } from './card-fields.dto.js';

/** A `template` structured content: a card with a title, optional picture, link and buttons. */
export class TemplateContentDto extends CardFieldsDto {
  /** Always `template`. */
  @IsOneOf(['template'])
  type!: 'template';

  /** Buttons of the card (`url` or `reply`). */
  @IsOptional()
  @NestedObjectArray(() => ButtonDto)
  items?: ButtonDto[];
}
