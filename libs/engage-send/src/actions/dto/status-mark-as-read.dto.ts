import { IsRequiredString } from '../validation/basic-rules.decorators.js';

/**
 * Params of `status.mark_as_read`: marks an agent's message or private message
 * as read by the customer (shown to agents when the source has `view.messaging`).
 */
export class StatusMarkAsReadDto {
  /** Id of the message or private message on the integration's side (required, non-empty). */
  @IsRequiredString()
  id!: string;
}

/** Params of `status.mark_as_read`. */
export type StatusMarkAsReadParams = StatusMarkAsReadDto;
