import { SELECT_ITEM } from '../../contract/index.js';
import { ContractObject, Field } from '../contract-object.decorator.js';

/** One choice of a `select` structured content. */
@ContractObject(SELECT_ITEM)
export class SelectItemDto {
  /** Text of the choice (required, at most 80 characters). */
  @Field() title!: string;
  /** Value sent back in the `structured_reply` when the customer picks it (at most 1000 characters). */
  @Field() payload?: string;
}
