import { Field } from './contract-object.decorator.js';

/**
 * Where the customer is typing: a thread, or the content being answered (at
 * least one; Engage uses `thread_id` when both are given). Abstract: see
 * {@link TypingStartDto}, {@link TypingStopDto}. Needs the source's
 * `messaging.typing_indicator` option.
 */
export abstract class TypingEventDto {
  /** Thread the customer is typing in; required when `in_reply_to_id` is absent. */
  @Field() thread_id?: string;
  /** Content the customer is answering; required when `thread_id` is absent. */
  @Field() in_reply_to_id?: string;
}
