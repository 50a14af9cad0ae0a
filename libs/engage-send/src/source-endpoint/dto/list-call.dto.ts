import { IsOptional } from 'class-validator';
import { IsStringValue } from '../../actions/validation/basic-rules.decorators.js';

/** Params of `<object>.list`. */
export class ListCallDto {
  /**
   * Id of the last content Engage imported (the integration's id); absent on
   * the first call. Answer the contents after it.
   */
  @IsOptional()
  @IsStringValue()
  since_id?: string;
}

/** Params of `<object>.list`. */
export type ListCall = ListCallDto;
