import { QUEUING_UPDATE_CALL } from '../../contract/index.js';
import { ContractObject, Field } from '../../dto/contract-object.decorator.js';

/** Params of `messaging.queuing_update`: where a waiting customer stands in the agents' queue. */
@ContractObject(QUEUING_UPDATE_CALL)
export class QueuingUpdateCallDto {
  /** Estimated wait, in seconds. */
  @Field() estimated_wait_time?: number;
  /** Position in the queue. */
  @Field() position?: number;
  /** The conversation's thread. */
  @Field() thread_id?: string;
  /** The customer's content the update is about. */
  @Field() in_reply_to_id?: string;
}

/** Params of `messaging.queuing_update`. */
export type QueuingUpdateCall = QueuingUpdateCallDto;
