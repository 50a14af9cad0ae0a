import { CUSTOM_ACTION_CALL } from '../../contract/index.js';
import { ContractObject, Field } from '../../dto/contract-object.decorator.js';

/** Params of a custom action (an agent clicked its button on a content). */
@ContractObject(CUSTOM_ACTION_CALL)
export class CustomActionCallDto {
  /** The integration's id of the content (required). */
  @Field() id!: string;
  /** Engage's id of the agent who clicked. */
  @Field() user_id?: string;
}

/** Params of a custom action. */
export type CustomActionCall = CustomActionCallDto;
