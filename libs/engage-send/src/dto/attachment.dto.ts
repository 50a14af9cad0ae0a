import { ATTACHMENT, type AttachmentMediaType } from '../contract/index.js';
import { ContractObject, Field } from './contract-object.decorator.js';

/**
 * A file attached to a message or private message: `{ url }` (Engage
 * downloads it), or `{ content, filename }` (the file, base64-encoded).
 */
@ContractObject(ATTACHMENT)
export class AttachmentDto {
  /** Public http(s) URL Engage downloads the file from; required unless `content` is given. */
  @Field() url?: string;
  /** The file, base64-encoded (standard or URL-safe, padding and line breaks optional); required with `filename` and no `url`. */
  @Field() content?: string;
  /** The file's name, e.g. `invoice.pdf`; required with `content` and no `url`. */
  @Field() filename?: string;
  /** Play a media file (an `.mp4`, or a URL without extension) as `audio` or `video`. */
  @Field() type?: AttachmentMediaType;
}

/** A message attachment, as callers write it. */
export type MessageAttachment = AttachmentDto;
