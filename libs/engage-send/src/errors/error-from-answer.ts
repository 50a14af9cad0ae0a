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
import { AxiosError } from 'axios';
import { ExchangeFailure } from '../http/exchange.js';
import type { EngageErrorContext, EngageSendError } from './engage-send.error.js';
import { EngagePayloadTooLargeError } from './payload-too-large.error.js';
import { EngageAbortedError } from './reliability.errors.js';
import { EngageConnectionError, EngageTimeoutError } from './transport.errors.js';

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

/** Engage's messages are one short line; an answer is cut to this before it goes into an error. */
const MAX_ENGAGE_MESSAGE_CHARS = 500;
/** A signature-sized run of hex digits: never copied from an answer (an upstream may echo request headers). */
const HEX_DIGEST = /[0-9a-fA-F]{128}/g;

/** What the answer text becomes in an error and its logs: trimmed, cut, and without anything shaped like a signature. */
function engageMessageOf(text: string): string {
  return text.trim().slice(0, MAX_ENGAGE_MESSAGE_CHARS).replace(HEX_DIGEST, '[redacted]');
}

/** Where a failed send was going, for the typed errors. */
export interface SendFailureContext extends EngageErrorContext {
  /** The endpoint, for messages that say what could not be reached (no secret in it). */
  readonly endpoint: string;
  /** The attempt's timeout, in ms. */
  readonly timeoutMs: number;
}

/** Engage's answer to one attempt, as far as the typed result or error needs it. */
export interface EngageAnswerLike {
  readonly status: number;
  readonly text: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** Whether the answer is Engage's success: 200 `ok`. */
export function isSuccess(answer: EngageAnswerLike): boolean {
  return answer.status === 200 && (answer.text === 'ok' || answer.text.trim() === 'ok');
}

/**
 * Engage's answer as a typed error, or `undefined` when it is the success
 * (200 `ok`). Status and message together decide: both 400s and all 422s
 * share a status.
 */
export function errorFromAnswer(answer: EngageAnswerLike, context: EngageErrorContext): EngageSendError | undefined {
  if (isSuccess(answer)) return undefined;
  const { status } = answer;
  const engageMessage = engageMessageOf(answer.text);
  const ctx: EngageErrorContext = { ...context, status, engageMessage };
  if (status === 200) return new EngageUnexpectedResponseError(ctx);
  const documented = DOCUMENTED.get(`${status} ${engageMessage}`);
  if (documented) return documented(ctx);
  if (status === 422) {
    const attribute = attributeOfEmptyMessage(engageMessage);
    if (attribute !== undefined) return new EngageStructuredContentAttributeEmptyError({ ...ctx, attribute });
  }
  // Any 413 or 429 means the same thing whatever its wording: too big, or too soon.
  if (status === 413) return new EngagePayloadTooLargeError(ctx);
  if (status === 429) {
    const retryAfter = answer.headers['retry-after'];
    // Engage's typing window is the documented wait when a 429 carries no Retry-After.
    return new EngageRateLimitError({ ...ctx, retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined) ?? TYPING_WINDOW_MS });
  }
  if (status >= 500) return new EngageServerError(ctx);
  return new EngageUnexpectedResponseError(ctx);
}

/**
 * A transport failure as a typed error, in one step: the direct path's
 * {@link ExchangeFailure}, the same failure wrapped by axios (its `cause`), or
 * whatever axios or an interceptor of the app's threw. Never keeps the
 * original as `cause`: an axios error holds the signed request.
 */
export function errorFromFailure(error: unknown, context: SendFailureContext): EngageSendError {
  const failure = error instanceof ExchangeFailure ? error : error instanceof AxiosError && error.cause instanceof ExchangeFailure ? error.cause : undefined;
  const { endpoint, timeoutMs, ...ctx } = context;
  if (failure !== undefined) {
    switch (failure.kind) {
      case 'timeout':
        return new EngageTimeoutError({ ...ctx, timeoutMs });
      case 'aborted':
        return new EngageAbortedError({ ...ctx, mayHaveBeenDelivered: failure.written });
      case 'bad-response':
        return new EngageUnexpectedResponseError({ ...ctx, engageMessage: 'response too large or unreadable' });
      case 'connection':
        return new EngageConnectionError({ ...ctx, endpoint, systemCode: failure.systemCode ?? 'UNKNOWN' });
    }
  }
  if (error instanceof AxiosError) {
    if (error.code === AxiosError.ERR_CANCELED) return new EngageAbortedError({ ...ctx, mayHaveBeenDelivered: false });
    if (error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT) return new EngageTimeoutError({ ...ctx, timeoutMs });
    if (error.code === AxiosError.ERR_BAD_RESPONSE) return new EngageUnexpectedResponseError({ ...ctx, engageMessage: 'response too large or unreadable' });
    return new EngageConnectionError({ ...ctx, endpoint, systemCode: error.code ?? 'UNKNOWN' });
  }
  // Thrown by an interceptor of the app's: nothing left the process, as far as we know.
  return new EngageConnectionError({ ...ctx, endpoint, systemCode: 'UNKNOWN' });
}
