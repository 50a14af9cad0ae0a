import { HttpStatus } from '@nestjs/common';
import { EngageErrorCode } from '../errors/engage-error-code.js';
import { EngageRateLimitError } from '../errors/engage-api.errors.js';
import type { EngageSendError } from '../errors/engage-send.error.js';
import { EngageValidationError } from '../errors/validation.error.js';

/** The HTTP answer the exception filter gives for an {@link EngageSendError}. */
export interface EngageErrorHttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: {
    statusCode: number;
    error: string;
    code: EngageErrorCode;
    message: string;
    action?: string;
    sourceId?: string;
    /** Engage's own answer, when it gave one. */
    engage?: { status: number; message?: string };
    /** Failing fields, for validation errors. */
    errors?: readonly { path: string; constraints: Record<string, string> }[];
    /** Seconds to wait, for rate limiting (also in `Retry-After`). */
    retryAfterSeconds?: number;
  };
}

// Who can fix it decides the status: the caller's own content (4xx), or the
// integration / Engage side, which the caller can only wait out (502/503/504).
const STATUS_BY_CODE: Record<EngageErrorCode, HttpStatus> = {
  [EngageErrorCode.VALIDATION]: HttpStatus.BAD_REQUEST,
  [EngageErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [EngageErrorCode.INVALID_RESOURCE_FORMAT]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EngageErrorCode.STRUCTURED_CONTENT_UNSUPPORTED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EngageErrorCode.STRUCTURED_CONTENT_TYPE_REQUIRED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EngageErrorCode.STRUCTURED_CONTENT_TYPE_UNSUPPORTED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EngageErrorCode.STRUCTURED_CONTENT_ATTRIBUTE_EMPTY]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EngageErrorCode.AUTHOR_NOT_PUPPETIZABLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EngageErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  // The library built the request, or the integration is misconfigured:
  // nothing the caller sent can fix these.
  [EngageErrorCode.BAD_REQUEST]: HttpStatus.BAD_GATEWAY,
  [EngageErrorCode.INVALID_REQUEST_FORMAT]: HttpStatus.BAD_GATEWAY,
  [EngageErrorCode.SOURCE_NOT_FOUND]: HttpStatus.BAD_GATEWAY,
  [EngageErrorCode.INVALID_SIGNATURE]: HttpStatus.BAD_GATEWAY,
  [EngageErrorCode.INVALID_ACTION]: HttpStatus.BAD_GATEWAY,
  [EngageErrorCode.SERVER_ERROR]: HttpStatus.BAD_GATEWAY,
  [EngageErrorCode.UNEXPECTED_RESPONSE]: HttpStatus.BAD_GATEWAY,
  [EngageErrorCode.CONNECTION]: HttpStatus.SERVICE_UNAVAILABLE,
  [EngageErrorCode.TIMEOUT]: HttpStatus.GATEWAY_TIMEOUT,
  // Local back-pressure and shutdown: try again later (or elsewhere).
  [EngageErrorCode.QUEUE_FULL]: HttpStatus.SERVICE_UNAVAILABLE,
  [EngageErrorCode.QUEUE_TIMEOUT]: HttpStatus.SERVICE_UNAVAILABLE,
  [EngageErrorCode.SHUTTING_DOWN]: HttpStatus.SERVICE_UNAVAILABLE,
  // The caller gave up; 499 is the de-facto "client closed request" status.
  [EngageErrorCode.ABORTED]: 499 as HttpStatus,
};

const REASON: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Payload Too Large',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Unprocessable Entity',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too Many Requests',
  [HttpStatus.BAD_GATEWAY]: 'Bad Gateway',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
  [HttpStatus.GATEWAY_TIMEOUT]: 'Gateway Timeout',
  [499 as HttpStatus]: 'Client Closed Request',
};

/** Longest wait the filter passes on in `Retry-After`: an upstream may ask for anything; a caller gets at most an hour. */
export const MAX_RETRY_AFTER_SECONDS = 3_600;

/** Builds the HTTP answer for an Engage send error (what {@link EngageSendErrorFilter} replies). */
export function toHttpAnswer(error: EngageSendError): EngageErrorHttpAnswer {
  const status = STATUS_BY_CODE[error.code] ?? HttpStatus.BAD_GATEWAY;
  const headers: Record<string, string> = {};
  const body: EngageErrorHttpAnswer['body'] = {
    statusCode: status,
    error: REASON[status] ?? 'Error',
    code: error.code,
    message: error.message,
    action: error.action,
    sourceId: error.sourceId,
  };
  if (error.status !== undefined) body.engage = { status: error.status, message: error.engageMessage };
  if (error instanceof EngageValidationError) body.errors = error.errors;
  if (error instanceof EngageRateLimitError) {
    const seconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    headers['Retry-After'] = String(seconds);
    body.retryAfterSeconds = seconds;
  }
  return { status, headers, body };
}
