import { EngageErrorCode } from './engage-error-code.js';
import { EngageSendError, type EngageErrorContext } from './engage-send.error.js';

/** The caller's `AbortSignal` aborted the send. Engage may have stored content already written. */
export class EngageAbortedError extends EngageSendError {
  readonly code = EngageErrorCode.ABORTED;
  constructor(context: EngageErrorContext) {
    super('The send was aborted by its caller', context);
  }
}

/**
 * Back-pressure: `maxInFlight` sends are running and `maxQueue` more are
 * waiting. Fails fast instead of letting the queue (and memory) grow without
 * limit; nothing was sent. Retry later, or raise the limits.
 */
export class EngageQueueFullError extends EngageSendError {
  readonly code = EngageErrorCode.QUEUE_FULL;
  /** The limits that were reached. */
  readonly maxInFlight: number;
  readonly maxQueue: number;
  constructor(context: EngageErrorContext & { maxInFlight: number; maxQueue: number }) {
    super(`Too many sends: ${context.maxInFlight} in flight and ${context.maxQueue} queued; nothing was sent`, context);
    this.maxInFlight = context.maxInFlight;
    this.maxQueue = context.maxQueue;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), maxInFlight: this.maxInFlight, maxQueue: this.maxQueue };
  }
}

/**
 * The application is shutting down: a new send is refused, or a queued or
 * in-flight one outlived the shutdown grace period and was aborted.
 */
export class EngageShutdownError extends EngageSendError {
  readonly code = EngageErrorCode.SHUTTING_DOWN;
  constructor(context: EngageErrorContext & { phase: 'refused' | 'aborted' }) {
    super(
      context.phase === 'refused'
        ? 'The application is shutting down: send refused, nothing was sent'
        : 'The application shut down before the send completed: aborted after the grace period',
      context,
    );
  }
}
