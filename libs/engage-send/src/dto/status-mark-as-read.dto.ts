import { STATUS } from '../contract/index.js';
import { ContractObject, Field } from './contract-object.decorator.js';

/** Params of `status.mark_as_read`: marks an agent's message or private message as read by the customer. */
@ContractObject(STATUS)
export class StatusMarkAsReadDto {
  /** Id of the message or private message on the integration's side (required). */
  @Field() id!: string;
}

/** Params of `status.mark_as_read`. */
export type StatusMarkAsReadParams = StatusMarkAsReadDto;
