import { IsNumber, IsOptional } from 'class-validator';
import { IsStringValue } from '../../actions/validation/basic-rules.decorators.js';

/** Params of `messaging.queuing_update`: where a waiting customer stands in the agents' queue. */
export class QueuingUpdateCallDto {
  /** Estimated wait, in seconds. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  estimated_wait_time?: number;

  /** Position in the queue. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  position?: number;

  /** The conversation's thread. */
  @IsOptional()
  @IsStringValue()
  thread_id?: string;

  /** The customer's content the update is about. */
  @IsOptional()
  @IsStringValue()
  in_reply_to_id?: string;
}

/** Params of `messaging.queuing_update`. */
export type QueuingUpdateCall = QueuingUpdateCallDto;
