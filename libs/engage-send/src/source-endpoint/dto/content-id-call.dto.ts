import { CONTENT_ID_CALL } from '../../contract/index.js';
import { ContractObject, Field } from '../../dto/contract-object.decorator.js';

/** Params of `<object>.show`, `.delete` (`.destroy`), `.publish` and `.unpublish`: the content's id. */
@ContractObject(CONTENT_ID_CALL)
export class ContentIdCallDto {
  /** The integration's id of the content (required). */
  @Field() id!: string;
}

/** Params of `<object>.show`, `.delete`, `.publish` and `.unpublish`. */
export type ContentIdCall = ContentIdCallDto;
