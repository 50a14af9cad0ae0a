import { MAX_BODY_BYTES } from '../errors/payload-too-large.error.js';

/** One of Engage's documented error answers: HTTP status and plain-text body. */
export interface EngageRefusal {
  /** HTTP status. */
  readonly status: number;
  /** Response body, exactly as Engage words it. */
  readonly message: string;
}

/**
 * Engage's documented Send API errors, worded exactly as the spec's error
 * table. Kept in the emulator (not imported from the client's error mapping)
 * so the two are independent and a typo in one shows up as a test failure.
 */
export const ENGAGE_REFUSALS = {
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
} as const satisfies Record<string, EngageRefusal>;

/** The 422 for an empty mandatory structured-content attribute, e.g. `structured_content: "items" must not be empty`. */
export function structuredContentAttributeEmpty(attribute: string): EngageRefusal {
  return { status: 422, message: `structured_content: "${attribute}" must not be empty` };
}
