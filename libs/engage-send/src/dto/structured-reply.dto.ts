import { STRUCTURED_REPLY } from '../contract/index.js';
import { ContractObject, Field } from './contract-object.decorator.js';

/** A message's `structured_reply`: the customer's answer to a structured content. */
@ContractObject(STRUCTURED_REPLY)
export class StructuredReplyDto {
  /** Payload of the chosen select item or reply button (required), e.g. `DEFINED_PAYLOAD`. */
  @Field() payload!: string;
}
