import { AGENT_ATTACHMENT } from '../../contract/index.js';
import { ContractObject, Field } from '../../dto/contract-object.decorator.js';

/** A file an agent attached to a content: Engage gives its URL, type and file name. */
@ContractObject(AGENT_ATTACHMENT)
export class AgentAttachmentDto {
  /** Where to download the file from. */
  @Field() url?: string;
  /** The file's MIME type, e.g. `image/png`. */
  @Field() type?: string;
  /** The file's name, e.g. `invoice.pdf`. */
  @Field() filename?: string;
}
