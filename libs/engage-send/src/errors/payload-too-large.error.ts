import { MAX_BODY_BYTES } from '../contract/index.js';
import { EngageErrorCode } from './engage-error-code.js';
import { EngageSendError, type EngageErrorContext } from './engage-send.error.js';


/**
 * The serialised body is over {@link MAX_BODY_BYTES} (UTF-8 bytes). Thrown
 * locally before sending (`status` undefined, `attempts` 0), or mapped from
 * Engage's 413 `Invalid request size (max: 20971520 bytes)`.
 */
export class EngagePayloadTooLargeError extends EngageSendError {
  readonly code = EngageErrorCode.PAYLOAD_TOO_LARGE;
  /** Size of the body that was refused, when known (local refusals). */
  readonly bodyBytes?: number;

  constructor(context: EngageErrorContext & { bodyBytes?: number } = {}) {
    super(
      context.bodyBytes === undefined
        ? 'Body too large'
        : `Body too large: ${context.bodyBytes} bytes, over the ${MAX_BODY_BYTES}-byte limit; nothing was sent`,
      context,
    );
    this.bodyBytes = context.bodyBytes;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), bodyBytes: this.bodyBytes };
  }
}
