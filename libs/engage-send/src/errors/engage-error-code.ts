/**
 * Stable, machine-readable codes for every failure a send can end in.
 *
 * One code per row of Engage's documented error table, plus the failures the
 * library detects itself (validation, size, transport). Codes are part of the
 * public API: they appear on errors, on spans (`error.type`) and in the
 * exception filter's JSON answers.
 */
export const EngageErrorCode = {
  /** Params failed local validation; nothing was sent. */
  VALIDATION: 'ENGAGE_VALIDATION',
  /** Body over 20 971 520 bytes: refused locally (nothing sent) or answered 413 by Engage. */
  PAYLOAD_TOO_LARGE: 'ENGAGE_PAYLOAD_TOO_LARGE',
  /** 400 `Bad request`: the body was not JSON. */
  BAD_REQUEST: 'ENGAGE_BAD_REQUEST',
  /** 400 `Invalid request format`: `action` or `params` missing. */
  INVALID_REQUEST_FORMAT: 'ENGAGE_INVALID_REQUEST_FORMAT',
  /** 422 `Source not found`. */
  SOURCE_NOT_FOUND: 'ENGAGE_SOURCE_NOT_FOUND',
  /** 422 `Invalid signature`. */
  INVALID_SIGNATURE: 'ENGAGE_INVALID_SIGNATURE',
  /** 422 `Invalid action`: unknown, or not declared by the integration. */
  INVALID_ACTION: 'ENGAGE_INVALID_ACTION',
  /** 422 `Invalid resource format`: a required field of `params` is missing. */
  INVALID_RESOURCE_FORMAT: 'ENGAGE_INVALID_RESOURCE_FORMAT',
  /** 422 `Source doesn't support structured contents`. */
  STRUCTURED_CONTENT_UNSUPPORTED: 'ENGAGE_STRUCTURED_CONTENT_UNSUPPORTED',
  /** 422 `Type is required for structured contents`. */
  STRUCTURED_CONTENT_TYPE_REQUIRED: 'ENGAGE_STRUCTURED_CONTENT_TYPE_REQUIRED',
  /** 422 `Source doesn't support this type of structured content`. */
  STRUCTURED_CONTENT_TYPE_UNSUPPORTED: 'ENGAGE_STRUCTURED_CONTENT_TYPE_UNSUPPORTED',
  /** 422 `structured_content: "<attribute>" must not be empty`. */
  STRUCTURED_CONTENT_ATTRIBUTE_EMPTY: 'ENGAGE_STRUCTURED_CONTENT_ATTRIBUTE_EMPTY',
  /** 422 `The author must be puppetizable`. */
  AUTHOR_NOT_PUPPETIZABLE: 'ENGAGE_AUTHOR_NOT_PUPPETIZABLE',
  /** 429 `too many typing requests, please try again in a few seconds`. */
  RATE_LIMITED: 'ENGAGE_RATE_LIMITED',
  /** Engage answered 5xx. */
  SERVER_ERROR: 'ENGAGE_SERVER_ERROR',
  /** Any answer the contract does not describe (a redirect, an undocumented status or message). */
  UNEXPECTED_RESPONSE: 'ENGAGE_UNEXPECTED_RESPONSE',
  /** No complete answer within `timeoutMs`. */
  TIMEOUT: 'ENGAGE_TIMEOUT',
  /** The connection failed (refused, reset, DNS, TLS) before an answer arrived. */
  CONNECTION: 'ENGAGE_CONNECTION',
  /** The caller's `signal` aborted the send. */
  ABORTED: 'ENGAGE_ABORTED',
  /** Too many sends in flight and the wait queue is full: back-pressure, nothing was sent. */
  QUEUE_FULL: 'ENGAGE_QUEUE_FULL',
  /** The send's deadline passed while it waited for a slot: nothing was sent. */
  QUEUE_TIMEOUT: 'ENGAGE_QUEUE_TIMEOUT',
  /** The application is shutting down: the send was refused, or aborted after the grace period. */
  SHUTTING_DOWN: 'ENGAGE_SHUTTING_DOWN',
} as const;

/** Union of every {@link EngageErrorCode} value. */
export type EngageErrorCode = (typeof EngageErrorCode)[keyof typeof EngageErrorCode];
