import { IsRequiredString } from '../validation/basic-rules.decorators.js';

/**
 * A message's `structured_reply`: the customer's answer to a structured
 * content, identified by the payload of the choice or button they picked.
 */
export class StructuredReplyDto {
  /** Payload of the chosen select item or reply button (required, non-empty), e.g. `DEFINED_PAYLOAD`. */
  @IsRequiredString()
  payload!: string;
}
