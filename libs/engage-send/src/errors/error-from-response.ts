import {
  EngageAuthorNotPuppetizableError,
  EngageBadRequestError,
  EngageInvalidActionError,
  EngageInvalidRequestFormatError,
  EngageInvalidResourceFormatError,
  EngageInvalidSignatureError,
  EngageRateLimitError,
  EngageServerError,
  EngageSourceNotFoundError,
  EngageStructuredContentAttributeEmptyError,
  EngageStructuredContentTypeRequiredError,
  EngageStructuredContentTypeUnsupportedError,
  EngageStructuredContentUnsupportedError,
  EngageUnexpectedResponseError,
} from './engage-api.errors.js';
import type { EngageErrorContext, EngageSendError } from './engage-send.error.js';
import { EngagePayloadTooLargeError } from './payload-too-large.error.js';

type Factory = (context: EngageErrorContext) => EngageSendError;

/** Engage's documented answers, keyed by `<status> <message>` exactly as the table gives them. */
const DOCUMENTED: ReadonlyMap<string, Factory> = new Map<string, Factory>([
  ['400 Bad request', (c) => new EngageBadRequestError(c)],
  ['400 Invalid request format', (c) => new EngageInvalidRequestFormatError(c)],
  ['413 Invalid request size (max: 20971520 bytes)', (c) => new EngagePayloadTooLargeError(c)],
  ['422 Source not found', (c) => new EngageSourceNotFoundError(c)],
  ['422 Invalid signature', (c) => new EngageInvalidSignatureError(c)],
  ['422 Invalid action', (c) => new EngageInvalidActionError(c)],
  ['422 Invalid resource format', (c) => new EngageInvalidResourceFormatError(c)],
  ["422 Source doesn't support structured contents", (c) => new EngageStructuredContentUnsupportedError(c)],
  ['422 Type is required for structured contents', (c) => new EngageStructuredContentTypeRequiredError(c)],
  ["422 Source doesn't support this type of structured content", (c) => new EngageStructuredContentTypeUnsupportedError(c)],
  ['422 The author must be puppetizable', (c) => new EngageAuthorNotPuppetizableError(c)],
]);

/** IMF-fixdate and the two obsolete HTTP-date forms (RFC 9110 §5.6.7): a day name first, GMT last. */
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? .+ GMT$/;

const ATTRIBUTE_EMPTY = /^structured_content: "([^"]+)" must not be empty$/;

/** Engage's typing window: the documented wait when a 429 carries no `Retry-After`. */
const DEFAULT_RETRY_AFTER_MS = 2_000;

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds from `now`.
 * Returns `undefined` when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT"): V8's lenient Date.parse
  // would read "-1" or "1,5" as dates in 2001.
  if (!HTTP_DATE.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Maps a non-200 answer from Engage to its typed error, using the status and
 * Engage's message together: both 400s and all 422s share a status.
 */
export function errorFromResponse(
  status: number,
  engageMessage: string,
  context: EngageErrorContext & { retryAfter?: string },
): EngageSendError {
  const { retryAfter, ...rest } = context;
  const ctx: EngageErrorContext = { ...rest, status, engageMessage };
  const documented = DOCUMENTED.get(`${status} ${engageMessage}`);
  if (documented) return documented(ctx);
  if (status === 422) {
    const attribute = ATTRIBUTE_EMPTY.exec(engageMessage)?.[1];
    if (attribute !== undefined) return new EngageStructuredContentAttributeEmptyError({ ...ctx, attribute });
  }
  // Any 413 or 429 means the same thing whatever its wording: too big, or too soon.
  if (status === 413) return new EngagePayloadTooLargeError(ctx);
  if (status === 429) {
    return new EngageRateLimitError({ ...ctx, retryAfterMs: parseRetryAfter(retryAfter) ?? DEFAULT_RETRY_AFTER_MS });
  }
  if (status >= 500) return new EngageServerError(ctx);
  return new EngageUnexpectedResponseError(ctx);
}
