import { attributeOfEmptyMessage, ENGAGE_ERRORS, TYPING_WINDOW_MS, type EngageErrorRow } from '../contract/index.js';
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

/** The class of each row of Engage's error table (`contract/engage-errors.ts`), keyed by `<status> <message>`. */
const DOCUMENTED: ReadonlyMap<string, Factory> = new Map<string, Factory>(
  (
    [
      [ENGAGE_ERRORS.badRequest, (c) => new EngageBadRequestError(c)],
      [ENGAGE_ERRORS.invalidRequestFormat, (c) => new EngageInvalidRequestFormatError(c)],
      [ENGAGE_ERRORS.requestTooLarge, (c) => new EngagePayloadTooLargeError(c)],
      [ENGAGE_ERRORS.sourceNotFound, (c) => new EngageSourceNotFoundError(c)],
      [ENGAGE_ERRORS.invalidSignature, (c) => new EngageInvalidSignatureError(c)],
      [ENGAGE_ERRORS.invalidAction, (c) => new EngageInvalidActionError(c)],
      [ENGAGE_ERRORS.invalidResourceFormat, (c) => new EngageInvalidResourceFormatError(c)],
      [ENGAGE_ERRORS.structuredContentUnsupported, (c) => new EngageStructuredContentUnsupportedError(c)],
      [ENGAGE_ERRORS.structuredContentTypeRequired, (c) => new EngageStructuredContentTypeRequiredError(c)],
      [ENGAGE_ERRORS.structuredContentTypeUnsupported, (c) => new EngageStructuredContentTypeUnsupportedError(c)],
      [ENGAGE_ERRORS.authorNotPuppetizable, (c) => new EngageAuthorNotPuppetizableError(c)],
    ] satisfies [EngageErrorRow, Factory][]
  ).map(([row, factory]) => [`${row.status} ${row.message}`, factory]),
);

/** IMF-fixdate and the two obsolete HTTP-date forms (RFC 9110 §5.6.7): a day name first, GMT last. */
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? .+ GMT$/;


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
    const attribute = attributeOfEmptyMessage(engageMessage);
    if (attribute !== undefined) return new EngageStructuredContentAttributeEmptyError({ ...ctx, attribute });
  }
  // Engage's typing window is the documented wait when a 429 carries no Retry-After.
  // Any 413 or 429 means the same thing whatever its wording: too big, or too soon.
  if (status === 413) return new EngagePayloadTooLargeError(ctx);
  if (status === 429) {
    return new EngageRateLimitError({ ...ctx, retryAfterMs: parseRetryAfter(retryAfter) ?? TYPING_WINDOW_MS });
  }
  if (status >= 500) return new EngageServerError(ctx);
  return new EngageUnexpectedResponseError(ctx);
}
