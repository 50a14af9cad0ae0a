import type { EngageErrorCode } from './engage-error-code.js';

/** Where and how a send failed. Never holds the access token, the signature or the body. */
export interface EngageErrorContext {
  /** The Send API action, e.g. `messages.create`. */
  action?: string;
  /** The Engage source id the send was addressed to. */
  sourceId?: string;
  /** HTTP status Engage answered with, when it answered. */
  status?: number;
  /** Engage's message (the response body, trimmed and capped), when it answered. */
  engageMessage?: string;
  /** Number of HTTP attempts made (0 when refused locally). */
  attempts?: number;
  /** The underlying error (transport errors only; already stripped of request config). */
  cause?: unknown;
}

/**
 * Base class of every error `engage-send` throws.
 *
 * Catch it to handle all send failures; switch on {@link EngageSendError.code}
 * (or use `instanceof` on a subclass) to tell them apart. `toJSON()` gives a
 * safe, loggable shape: the token, signature and body are never part of it.
 */
export abstract class EngageSendError extends Error {
  /** Stable machine-readable code. */
  abstract readonly code: EngageErrorCode;
  /** The Send API action. */
  readonly action?: string;
  /** The Engage source id. */
  readonly sourceId?: string;
  /** HTTP status from Engage, if it answered. */
  readonly status?: number;
  /** Engage's own message, if it answered. */
  readonly engageMessage?: string;
  /** HTTP attempts made (0 when refused before sending). */
  readonly attempts: number;

  protected constructor(description: string, context: EngageErrorContext = {}) {
    super(EngageSendError.compose(description, context), context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.action = context.action;
    this.sourceId = context.sourceId;
    this.status = context.status;
    this.engageMessage = context.engageMessage;
    this.attempts = context.attempts ?? 0;
  }

  /** A plain, log-safe representation. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      action: this.action,
      sourceId: this.sourceId,
      status: this.status,
      engageMessage: this.engageMessage,
      attempts: this.attempts,
    };
  }

  private static compose(description: string, { action, sourceId, status, engageMessage }: EngageErrorContext): string {
    const where = [action && `action ${action}`, sourceId && `source ${sourceId}`].filter(Boolean).join(', ');
    const answer = status === undefined ? '' : `: Engage answered ${status}${engageMessage ? ` "${engageMessage}"` : ''}`;
    return `${description}${where ? ` (${where})` : ''}${answer}`;
  }
}
