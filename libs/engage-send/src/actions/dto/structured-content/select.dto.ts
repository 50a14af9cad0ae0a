import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { IsOneOf, IsPresent } from '../../validation/basic-rules.decorators.js';
import { NestedObjectArray } from '../../validation/nested.decorators.js';
import { SelectItemDto } from './select-item.dto.js';
import { STRUCTURED_CONTENT_LIMITS } from './structured-content.limits.js';

const { min, max } = STRUCTURED_CONTENT_LIMITS.selectItems;

/** A `select` structured content: a question with 1 to 13 quick-reply choices. */
export class SelectContentDto {
  /** Always `select`. */
  @IsOneOf(['select'])
  type!: 'select';

  /** The choices: 1 to 13. */
  @IsPresent()
  @NestedObjectArray(() => SelectItemDto)
  @ArrayMinSize(min, { message: `items must contain at least ${min} item`, validateIf: (_o, v) => Array.isArray(v) })
  @ArrayMaxSize(max, { message: `items must contain at most ${max} items`, validateIf: (_o, v) => Array.isArray(v) })
  items!: SelectItemDto[];
}
