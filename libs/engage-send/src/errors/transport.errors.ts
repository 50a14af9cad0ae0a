import { EngageErrorCode } from './engage-error-code.js';
import { EngageSendError, type EngageErrorContext } from './engage-send.error.js';

/** No complete answer arrived within `timeoutMs`. Engage may or may not have stored the content. */
export class EngageTimeoutError extends EngageSendError {
  readonly code = EngageErrorCode.TIMEOUT;
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
  constructor(context: EngageErrorContext & { timeoutMs: number }) {
    super(`No answer from Engage within ${context.timeoutMs} ms`, context);
    this.timeoutMs = context.timeoutMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** The connection failed (refused, reset, DNS, TLS) before a complete answer arrived. */
export class EngageConnectionError extends EngageSendError {
  readonly code = EngageErrorCode.CONNECTION;
  /** The system error code, e.g. `ECONNREFUSED`, `ECONNRESET`. */
  readonly systemCode?: string;
  constructor(context: EngageErrorContext & { systemCode?: string; endpoint?: string }) {
    const where = context.endpoint === undefined ? 'Engage' : `Engage at ${context.endpoint}`;
    const tries = context.attempts === undefined || context.attempts === 0 ? '' : ` after ${context.attempts} attempt(s)`;
    super(`Could not reach ${where}${context.systemCode ? ` (${context.systemCode})` : ''}${tries}`, context);
    this.systemCode = context.systemCode;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), systemCode: this.systemCode };
  }
}
