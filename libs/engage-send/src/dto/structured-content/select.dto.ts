import { SELECT } from '../../contract/index.js';
import { ContractObject, Field } from '../contract-object.decorator.js';
import type { SelectItemDto } from './select-item.dto.js';

/** A `select` structured content: a question with 1 to 13 quick-reply choices. */
@ContractObject(SELECT)
export class SelectContentDto {
  /** Always `select`. */
  @Field() type!: 'select';
  /** The choices: 1 to 13. */
  @Field() items!: SelectItemDto[];
}
