import { RICH_LINK } from '../../contract/index.js';
import { ContractObject, Field } from '../contract-object.decorator.js';

/** A `rich_link` structured content: a link preview with title, text and picture. */
@ContractObject(RICH_LINK)
export class RichLinkContentDto {
  /** Always `rich_link`. */
  @Field() type!: 'rich_link';
  /** The link (required, at most 2048 characters; http, https or an app scheme). */
  @Field() url!: string;
  /** Title of the preview (required, at most 350 characters). */
  @Field() title!: string;
  /** Label of the link (at most 80 characters). */
  @Field() url_text?: string;
  /** Text under the title (at most 1000 characters). */
  @Field() subtitle?: string;
  /** Picture of the preview: a public http(s) jpg/jpeg/png under 5 MB, which Engage downloads. */
  @Field() attachment_url?: string;
}
