import { IsOptional, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { IsOneOf, IsRequiredString } from '../validation/basic-rules.decorators.js';
import { IsBase64Content } from '../validation/base64.decorator.js';
import { IsHttpUrl } from '../validation/url.decorators.js';

/** Values of an attachment's `type`, allowed only on an `.mp4` file. */
export const ATTACHMENT_MEDIA_TYPES = ['audio', 'video'] as const;

/** How Engage should play an `.mp4` attachment. */
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** Compiled once; matched against a filename or a URL's path. */
const MP4_SUFFIX = /\.mp4$/i;

interface AttachmentFields {
  url?: unknown;
  content?: unknown;
  filename?: unknown;
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function isMp4(attachment: AttachmentFields): boolean {
  if (typeof attachment.filename === 'string' && MP4_SUFFIX.test(attachment.filename)) return true;
  if (typeof attachment.url !== 'string') return false;
  try {
    // The path only: `https://cdn/x.mp4?sig=…` is an mp4, `https://cdn/x?f=a.mp4` is not.
    return MP4_SUFFIX.test(new URL(attachment.url).pathname);
  } catch {
    return false;
  }
}

/**
 * A file attached to a message or private message. Exactly one form:
 * - `{ url }`: Engage downloads the file from a public http(s) URL;
 * - `{ content, filename }`: the file itself, base64-encoded.
 *
 * An `.mp4` (by filename, or by the URL's path) may add `type`: `audio` or `video`.
 */
export class AttachmentDto {
  /**
   * Public http or https URL Engage downloads the file from. Required unless
   * `content` and `filename` are given; not allowed together with them.
   */
  @ValidateIf((a: AttachmentFields) => isGiven(a.url) || (!isGiven(a.content) && !isGiven(a.filename)))
  @IsRequiredString('url is required: an attachment is either { url } or { content, filename }')
  @IsHttpUrl()
  @ValidateBy({
    name: 'attachmentForm',
    validator: {
      validate: (_value: unknown, args: ValidationArguments): boolean => {
        const a = args.object as AttachmentFields;
        return !isGiven(a.content) && !isGiven(a.filename);
      },
      defaultMessage: (): string => 'an attachment is either { url } or { content, filename }, not both',
    },
  })
  url?: string;

  /** The file, base64-encoded (standard alphabet, padded). Required with `filename`. */
  @ValidateIf((a: AttachmentFields) => isGiven(a.content) || isGiven(a.filename))
  @IsRequiredString('content (base64) is required with filename')
  @IsBase64Content()
  content?: string;

  /** The file's name, e.g. `invoice.pdf`. Required with `content`. */
  @ValidateIf((a: AttachmentFields) => isGiven(a.filename) || isGiven(a.content))
  @IsRequiredString('filename is required with content')
  filename?: string;

  /** For an `.mp4` only: play it as `audio` or `video`. */
  @IsOptional()
  @IsOneOf(ATTACHMENT_MEDIA_TYPES)
  @ValidateBy({
    name: 'mp4Only',
    validator: {
      validate: (_value: unknown, args: ValidationArguments): boolean => isMp4(args.object as AttachmentFields),
      defaultMessage: (): string => 'type (audio or video) is allowed only for an .mp4 attachment (by filename or URL path)',
    },
  })
  type?: AttachmentMediaType;
}

/** A message attachment, as callers write it. */
export type MessageAttachment = AttachmentDto;
