import { TypingEventDto } from './typing-event.dto.js';

/** Params of `typing.stop`: the customer stopped typing. No `preview` (an unknown property here). */
export class TypingStopDto extends TypingEventDto {}

/** Params of `typing.stop`. */
export type TypingStopParams = TypingStopDto;
