import { TYPING_START } from '../contract/index.js';
import { ContractObject, Field } from './contract-object.decorator.js';
import { TypingEventDto } from './typing-event.dto.js';

/** Params of `typing.start`. Engage accepts one per thread every 2 seconds (a `typing.stop` resets the timer). */
@ContractObject(TYPING_START)
export class TypingStartDto extends TypingEventDto {
  /** A preview of what the customer is typing (required). */
  @Field() preview!: string;
}

/** Params of `typing.start`. */
export type TypingStartParams = TypingStartDto;
