import { IsOptional } from 'class-validator';
import { IsStringValue } from '../../actions/validation/basic-rules.decorators.js';

/** A file an agent attached to a content: Engage gives its URL, type and file name. */
export class AgentAttachmentDto {
  /** Where to download the file from. */
  @IsOptional()
  @IsStringValue()
  url?: string;

  /** The file's MIME type, e.g. `image/png`. */
  @IsOptional()
  @IsStringValue()
  type?: string;

  /** The file's name, e.g. `invoice.pdf`. */
  @IsOptional()
  @IsStringValue()
  filename?: string;
}
