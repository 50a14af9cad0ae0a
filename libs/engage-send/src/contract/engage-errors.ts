import { MAX_BODY_BYTES } from './limits.js';

/** One row of Engage's error table: HTTP status and the plain-text body, worded exactly. */
export interface EngageErrorRow {
  readonly status: number;
  readonly message: string;
}

/**
 * The Send API's documented error answers. The client maps answers to typed
 * errors from these rows, and the emulator answers with them.
 */
export const ENGAGE_ERRORS = {
  badRequest: { status: 400, message: 'Bad request' },
  invalidRequestFormat: { status: 400, message: 'Invalid request format' },
  requestTooLarge: { status: 413, message: `Invalid request size (max: ${MAX_BODY_BYTES} bytes)` },
  sourceNotFound: { status: 422, message: 'Source not found' },
  invalidSignature: { status: 422, message: 'Invalid signature' },
  invalidAction: { status: 422, message: 'Invalid action' },
  invalidResourceFormat: { status: 422, message: 'Invalid resource format' },
  structuredContentUnsupported: { status: 422, message: "Source doesn't support structured contents" },
  structuredContentTypeRequired: { status: 422, message: 'Type is required for structured contents' },
  structuredContentTypeUnsupported: { status: 422, message: "Source doesn't support this type of structured content" },
  authorNotPuppetizable: { status: 422, message: 'The author must be puppetizable' },
  typingRateLimited: { status: 429, message: 'too many typing requests, please try again in a few seconds' },
} as const satisfies Record<string, EngageErrorRow>;

/** A row name of {@link ENGAGE_ERRORS}, or the attribute-empty row below. */
export type EngageErrorName = keyof typeof ENGAGE_ERRORS | 'structuredContentAttributeEmpty';

/** The 422 for an empty mandatory structured-content attribute, e.g. `structured_content: "items" must not be empty`. */
export function structuredContentAttributeEmpty(attribute: string): EngageErrorRow {
  return { status: 422, message: `structured_content: "${attribute}" must not be empty` };
}

const ATTRIBUTE_EMPTY = /^structured_content: "([^"]{1,200})" must not be empty$/;

/** The attribute an attribute-empty message names, or `undefined` when `message` is not one. */
export function attributeOfEmptyMessage(message: string): string | undefined {
  return ATTRIBUTE_EMPTY.exec(message)?.[1];
}
