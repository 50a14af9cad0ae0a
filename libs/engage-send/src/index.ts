/**
 * engage-send: a NestJS module for RingCentral Engage Digital's Source SDK Send API.
 *
 * @packageDocumentation
 */
export { EngageSendModule } from './engage-send.module.js';
export { EngageSendService } from './engage-send.service.js';
export { getEngageHttpServiceToken, getEngageSendServiceToken, InjectEngageSend } from './engage-send.tokens.js';
export { OPTIONS_TYPE as EngageSendForRootOptions, ASYNC_OPTIONS_TYPE as EngageSendForRootAsyncOptions } from './engage-send.module-definition.js';
export type { EngageSendModuleExtras, EngageSendModuleOptions } from './options/engage-send-module-options.interface.js';
export { EngageSendOptionsError } from './options/engage-send-options.error.js';
export type { EngageSendCallOptions, EngageSendResult } from './engage-send-result.interface.js';
export type { PreparedSend, SendIds } from './prepared-send.js';

export { ENGAGE_ACTIONS, isEngageAction, type EngageAction } from './contract/index.js';
export {
  ATTACHMENT_MEDIA_TYPES,
  BUTTON_TYPES,
  CONTENT_FORMATS,
  ENGAGE_DATE_FORMS,
  ENGAGE_SOURCE_OPTIONS,
  MAX_BODY_BYTES,
  MAX_BODY_LENGTH,
  STRUCTURED_CONTENT_LIMITS,
  STRUCTURED_CONTENT_TYPES,
  TYPING_WINDOW_MS,
  USER_GENDERS,
  isEngageDate,
  type AttachmentMediaType,
  type ButtonType,
  type ContentFormat,
  type EngageSourceOption,
  type StructuredContentType,
  type UserGender,
} from './contract/index.js';
export type { UnknownPropertiesMode, IgnoredProperty } from './validation/contract-checker.js';
export * from './dto/index.js';
export type { EngageActionParamsMap } from './dto/action-params.map.js';

export { SIGNATURE_HEADER, signBody } from './signing/sign-body.js';
export { SigningInterceptor } from './signing/signing.interceptor.js';

export { EngageErrorCode } from './errors/engage-error-code.js';
export { EngageSendError, type EngageErrorContext } from './errors/engage-send.error.js';
export { EngageValidationError, type EngageFieldError } from './errors/validation.error.js';
export { EngagePayloadTooLargeError } from './errors/payload-too-large.error.js';
export * from './errors/engage-api.errors.js';
export { EngageConnectionError, EngageTimeoutError } from './errors/transport.errors.js';
export { EngageAbortedError, EngageQueueFullError, EngageQueueTimeoutError, EngageShutdownError, type DeliveryUncertainty } from './errors/reliability.errors.js';
export { EngageAccessToken } from './options/engage-access-token.js';
export { DEFAULT_RETRY_POLICY, type EngageRetryOptions } from './reliability/retry-policy.js';
export type { TypingPacingMode } from './reliability/typing-pacer.js';
export type { EngageTypingPacer, TypingWait } from './reliability/engage-typing-pacer.js';
export { parseRetryAfter } from './errors/error-from-answer.js';

export { EngageSendErrorFilter } from './filters/engage-send-error.filter.js';
export { toHttpAnswer, type EngageErrorHttpAnswer } from './filters/engage-error-http-answer.js';
export { SpanAttributes, type EngageTracingOptions } from './tracing/send-tracer.js';
export { MetricNames, type SendOutcome } from './metrics/send-metrics.js';
