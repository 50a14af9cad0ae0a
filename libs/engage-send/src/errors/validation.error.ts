import { EngageErrorCode } from './engage-error-code.js';
import { EngageSendError, type EngageErrorContext } from './engage-send.error.js';

/** One field that failed validation. */
export interface EngageFieldError {
  /** Dotted path from the request root, e.g. `params.author.id` or `params.attachments.0.url`. */
  path: string;
  /** Failed rules, keyed by rule name, with a human-readable message each. */
  constraints: Record<string, string>;
}

/**
 * The params of a send broke a rule of the Send API contract (or the module
 * options did). Thrown before anything is sent: no request reached Engage.
 */
export class EngageValidationError extends EngageSendError {
  readonly code = EngageErrorCode.VALIDATION;
  /** Every failing field, each with its full path. */
  readonly errors: readonly EngageFieldError[];

  constructor(errors: readonly EngageFieldError[], context: EngageErrorContext = {}) {
    super(`Invalid params: ${EngageValidationError.summary(errors)}`, { ...context, attempts: 0 });
    this.errors = errors;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), errors: this.errors };
  }

  private static summary(errors: readonly EngageFieldError[]): string {
    return errors.map((e) => `${e.path} (${Object.values(e.constraints).join('; ')})`).join(', ');
  }
}
