import { ValidateIf } from 'class-validator';
import { IsRequiredString } from '../validation/basic-rules.decorators.js';

interface TypingTarget {
  thread_id?: unknown;
  in_reply_to_id?: unknown;
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Where the customer is typing: a thread, or the content being answered. At
 * least one of the two is required; when both are given, Engage uses
 * `thread_id`. Abstract: see {@link TypingStartDto}, {@link TypingStopDto}.
 * Needs the source's `messaging.typing_indicator` option.
 */
export abstract class TypingEventDto {
  /** Thread the customer is typing in. Required when `in_reply_to_id` is absent; wins when both are given. */
  @ValidateIf((t: TypingTarget) => isGiven(t.thread_id) || !isGiven(t.in_reply_to_id))
  @IsRequiredString('thread_id is required when in_reply_to_id is absent')
  thread_id?: string;

  /** Content the customer is answering. Required when `thread_id` is absent. */
  @ValidateIf((t: TypingTarget) => isGiven(t.in_reply_to_id) || !isGiven(t.thread_id))
  @IsRequiredString('in_reply_to_id is required when thread_id is absent')
  in_reply_to_id?: string;
}
