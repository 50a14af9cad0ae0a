import { EngageErrorCode } from './engage-error-code.js';
import { EngageSendError, type EngageErrorContext } from './engage-send.error.js';

// One class per row of the Send API's error table (spec: "Errors"), plus the
// answers the table does not describe. `errorFromResponse` picks the class from
// the HTTP status *and* Engage's message, since several rows share a status.

/** 400 `Bad request`: Engage could not parse the body as JSON. */
export class EngageBadRequestError extends EngageSendError {
  readonly code = EngageErrorCode.BAD_REQUEST;
  constructor(context: EngageErrorContext) {
    super('Engage could not parse the request body', context);
  }
}

/** 400 `Invalid request format`: the body lacked `action` or `params`. */
export class EngageInvalidRequestFormatError extends EngageSendError {
  readonly code = EngageErrorCode.INVALID_REQUEST_FORMAT;
  constructor(context: EngageErrorContext) {
    super('Engage found no action or params in the request', context);
  }
}

/** 422 `Source not found`: the configured `sourceId` does not exist on this Engage domain. */
export class EngageSourceNotFoundError extends EngageSendError {
  readonly code = EngageErrorCode.SOURCE_NOT_FOUND;
  constructor(context: EngageErrorContext) {
    super('Engage does not know this source', context);
  }
}

/** 422 `Invalid signature`: the access token does not match the source's. */
export class EngageInvalidSignatureError extends EngageSendError {
  readonly code = EngageErrorCode.INVALID_SIGNATURE;
  constructor(context: EngageErrorContext) {
    super('Engage rejected the signature (check the access token of this source)', context);
  }
}

/** 422 `Invalid action`: unknown, or not declared in the integration's `implementation.info`. */
export class EngageInvalidActionError extends EngageSendError {
  readonly code = EngageErrorCode.INVALID_ACTION;
  constructor(context: EngageErrorContext) {
    super('Engage refused the action (is it declared in implementation.info?)', context);
  }
}

/** 422 `Invalid resource format`: a required field of `params` is missing. */
export class EngageInvalidResourceFormatError extends EngageSendError {
  readonly code = EngageErrorCode.INVALID_RESOURCE_FORMAT;
  constructor(context: EngageErrorContext) {
    super('Engage refused the content: a required field is missing', context);
  }
}

/** 422 `Source doesn't support structured contents`: the source lacks `view.messaging`. */
export class EngageStructuredContentUnsupportedError extends EngageSendError {
  readonly code = EngageErrorCode.STRUCTURED_CONTENT_UNSUPPORTED;
  constructor(context: EngageErrorContext) {
    super('The source does not support structured contents', context);
  }
}

/** 422 `Type is required for structured contents`. */
export class EngageStructuredContentTypeRequiredError extends EngageSendError {
  readonly code = EngageErrorCode.STRUCTURED_CONTENT_TYPE_REQUIRED;
  constructor(context: EngageErrorContext) {
    super('Engage requires a structured content type', context);
  }
}

/** 422 `Source doesn't support this type of structured content`. */
export class EngageStructuredContentTypeUnsupportedError extends EngageSendError {
  readonly code = EngageErrorCode.STRUCTURED_CONTENT_TYPE_UNSUPPORTED;
  constructor(context: EngageErrorContext) {
    super('The source does not support this type of structured content', context);
  }
}

/** 422 `structured_content: "<attribute>" must not be empty`. */
export class EngageStructuredContentAttributeEmptyError extends EngageSendError {
  readonly code = EngageErrorCode.STRUCTURED_CONTENT_ATTRIBUTE_EMPTY;
  /** The structured-content attribute Engage named. */
  readonly attribute: string;
  constructor(context: EngageErrorContext & { attribute: string }) {
    super(`Structured content attribute "${context.attribute}" must not be empty`, context);
    this.attribute = context.attribute;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), attribute: this.attribute };
  }
}

/** 422 `The author must be puppetizable`: structured contents need a puppetizable author. */
export class EngageAuthorNotPuppetizableError extends EngageSendError {
  readonly code = EngageErrorCode.AUTHOR_NOT_PUPPETIZABLE;
  constructor(context: EngageErrorContext) {
    super('Structured contents need a puppetizable author', context);
  }
}

/** 429: Engage's typing rate limit (one `typing.start` per thread every 2 s). */
export class EngageRateLimitError extends EngageSendError {
  readonly code = EngageErrorCode.RATE_LIMITED;
  /** How long to wait before trying again, from `Retry-After` or the documented 2-second window. */
  readonly retryAfterMs: number;
  constructor(context: EngageErrorContext & { retryAfterMs: number }) {
    super('Engage rate-limited the request', context);
    this.retryAfterMs = context.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** Engage answered 5xx. */
export class EngageServerError extends EngageSendError {
  readonly code = EngageErrorCode.SERVER_ERROR;
  constructor(context: EngageErrorContext) {
    super('Engage failed to handle the request', context);
  }
}

/** An answer the contract does not describe: a redirect (never followed), an undocumented status or message. */
export class EngageUnexpectedResponseError extends EngageSendError {
  readonly code = EngageErrorCode.UNEXPECTED_RESPONSE;
  constructor(context: EngageErrorContext) {
    super('Engage gave an unexpected answer', context);
  }
}
