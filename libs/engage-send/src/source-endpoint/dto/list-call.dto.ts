import { LIST_CALL } from '../../contract/index.js';
import { ContractObject, Field } from '../../dto/contract-object.decorator.js';

/** Params of `<object>.list`. */
@ContractObject(LIST_CALL)
export class ListCallDto {
  /** Id of the last content Engage imported (the integration's id); absent the first time. Answer the contents after it. */
  @Field() since_id?: string;
}

/** Params of `<object>.list`. */
export type ListCall = ListCallDto;
