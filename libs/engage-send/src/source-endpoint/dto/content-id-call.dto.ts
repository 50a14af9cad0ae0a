import { IsRequiredString } from '../../actions/validation/basic-rules.decorators.js';

/** Params of `<object>.show`, `.delete` (`.destroy`), `.publish` and `.unpublish`: the content's id. */
export class ContentIdCallDto {
  /** The integration's id of the content (required, non-empty). */
  @IsRequiredString()
  id!: string;
}

/** Params of `<object>.show`, `.delete`, `.publish` and `.unpublish`. */
export type ContentIdCall = ContentIdCallDto;
