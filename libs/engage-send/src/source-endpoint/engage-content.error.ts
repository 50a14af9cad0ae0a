/** Longest `message` sent to Engage; longer ones are cut (an error answer stays small). */
export const MAX_CONTENT_ERROR_MESSAGE_CHARS = 500;

/**
 * Throw it from a handler when the call failed for this one content (a
 * reply that could not be posted, a content that cannot be deleted). The
 * endpoint answers 2xx with `{"error": {"fatal": …, "message": …}}`, as
 * Engage expects: Engage tries again later unless `fatal` is `true`.
 * Anything else a handler throws is answered 500.
 *
 * ```ts
 * throw new EngageContentError('Conversation closed on our side', { fatal: true });
 * ```
 */
export class EngageContentError extends Error {
  /** `true`: Engage should not try this content again. */
  readonly fatal: boolean;

  constructor(message: string, options: { fatal?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngageContentError';
    this.fatal = options.fatal === true;
  }

  /** The answer's body, as Engage reads it. */
  toAnswer(): { error: { fatal: boolean; message: string } } {
    const message = String(this.message);
    const capped = message.length > MAX_CONTENT_ERROR_MESSAGE_CHARS ? `${message.slice(0, MAX_CONTENT_ERROR_MESSAGE_CHARS - 1)}…` : message;
    return { error: { fatal: this.fatal, message: capped } };
  }
}
