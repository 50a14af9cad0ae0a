import { TypingEventDto } from './typing-event.dto.js';
import { IsRequiredString } from '../validation/basic-rules.decorators.js';

/**
 * Params of `typing.start`: the customer started typing. Engage accepts one per
 * thread every 2 seconds (a `typing.stop` resets the timer); more answer 429.
 */
export class TypingStartDto extends TypingEventDto {
  /** A preview of what the customer is typing (required, non-empty). */
  @IsRequiredString()
  preview!: string;
}

/** Params of `typing.start`. */
export type TypingStartParams = TypingStartDto;
