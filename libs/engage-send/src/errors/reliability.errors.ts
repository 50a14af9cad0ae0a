import { EngageErrorCode } from './engage-error-code.js';
import { EngageSendError, type EngageErrorContext } from './engage-send.error.js';

/** Said of a send stopped midway: whether its request had been sent, so Engage may have stored the content. */
export interface DeliveryUncertainty {
  /** `true` when the request had reached Engage's connection before the send was stopped: Engage may have stored it. */
  readonly mayHaveBeenDelivered: boolean;
}

function deliveryNote(context: Partial<DeliveryUncertainty>): string {
  return context.mayHaveBeenDelivered === true ? '; the request had been sent, so Engage may have stored it' : '; nothing was sent';
}

/** The caller's `AbortSignal` aborted the send. `mayHaveBeenDelivered` says whether Engage may have stored it. */
export class EngageAbortedError extends EngageSendError implements DeliveryUncertainty {
  readonly code = EngageErrorCode.ABORTED;
  readonly mayHaveBeenDelivered: boolean;
  constructor(context: EngageErrorContext & Partial<DeliveryUncertainty>) {
    super(`The send was aborted by its caller${deliveryNote(context)}`, context);
    this.mayHaveBeenDelivered = context.mayHaveBeenDelivered === true;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), mayHaveBeenDelivered: this.mayHaveBeenDelivered };
  }
}

/**
 * The send's deadline (`retry.deadlineMs`) passed while it waited for a free
 * slot behind `maxInFlight` sends: it was never sent.
 */
export class EngageQueueTimeoutError extends EngageSendError {
  readonly code = EngageErrorCode.QUEUE_TIMEOUT;
  /** How long it waited, in ms. */
  readonly waitedMs: number;
  constructor(context: EngageErrorContext & { waitedMs: number }) {
    super(`The send's deadline passed after ${Math.round(context.waitedMs)} ms waiting for a free slot; nothing was sent`, { ...context, attempts: 0 });
    this.waitedMs = context.waitedMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), waitedMs: this.waitedMs };
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
export class EngageShutdownError extends EngageSendError implements DeliveryUncertainty {
  readonly code = EngageErrorCode.SHUTTING_DOWN;
  readonly mayHaveBeenDelivered: boolean;
  constructor(context: EngageErrorContext & { phase: 'refused' | 'aborted' } & Partial<DeliveryUncertainty>) {
    super(
      context.phase === 'refused'
        ? 'The application is shutting down: send refused, nothing was sent'
        : `The application shut down before the send completed: aborted after the grace period${deliveryNote(context)}`,
      context,
    );
    this.mayHaveBeenDelivered = context.mayHaveBeenDelivered === true;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), mayHaveBeenDelivered: this.mayHaveBeenDelivered };
  }
}
