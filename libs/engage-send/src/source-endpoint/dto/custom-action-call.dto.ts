import { IsOptional } from 'class-validator';
import { IsStringValue } from '../../actions/validation/basic-rules.decorators.js';
import { ContentIdCallDto } from './content-id-call.dto.js';

/** Params of a custom action (an agent clicked its button on a content). */
export class CustomActionCallDto extends ContentIdCallDto {
  /** Engage's id of the agent who clicked. */
  @IsOptional()
  @IsStringValue()
  user_id?: string;
}

/** Params of a custom action. */
export type CustomActionCall = CustomActionCallDto;
