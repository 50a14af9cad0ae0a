import { TYPING_STOP } from '../contract/index.js';
import { ContractObject } from './contract-object.decorator.js';
import { TypingEventDto } from './typing-event.dto.js';

/** Params of `typing.stop`: the customer stopped typing (resets Engage's typing window). */
@ContractObject(TYPING_STOP)
export class TypingStopDto extends TypingEventDto {}

/** Params of `typing.stop`. */
export type TypingStopParams = TypingStopDto;
