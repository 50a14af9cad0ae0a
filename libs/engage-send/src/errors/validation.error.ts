import { EngageErrorCode } from './engage-error-code.js';
import { EngageSendError, type EngageErrorContext } from './engage-send.error.js';

/** One field that failed validation. */
export interface EngageFieldError {
  /** Dotted path from the request root, e.g. `params.author.id` or `params.attachments.0.url`. */
  path: string;
  /** Failed rules, keyed by rule name, with a human-readable message each. */
  constraints: Record<string, string>;
}

/** Field errors named in the message itself; `errors` lists the rest. */
const SUMMARISED_ERRORS = 3;

/**
 * The params of a send broke a rule of the Send API contract (or the module
 * options did). Thrown before anything is sent: no request reached Engage.
 * Bounded whatever the params: at most a few field errors are listed, and
 * messages never copy more than a few dozen characters of a value.
 */
export class EngageValidationError extends EngageSendError {
  readonly code = EngageErrorCode.VALIDATION;
  /** The failing fields, each with its full path (at most 10). */
  readonly errors: readonly EngageFieldError[];
  /**
   * Problems found beyond `errors`: `0` when every one is listed, `undefined`
   * when the params were too large to look for more than the first.
   */
  readonly unlisted: number | undefined;

  constructor(errors: readonly EngageFieldError[], context: EngageErrorContext = {}, unlisted: number | undefined = 0) {
    super(`Invalid params: ${EngageValidationError.summary(errors, unlisted)}`, { ...context, attempts: 0 });
    this.errors = errors;
    this.unlisted = unlisted;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), errors: this.errors, unlisted: this.unlisted };
  }

  private static summary(errors: readonly EngageFieldError[], unlisted: number | undefined): string {
    const named = errors.slice(0, SUMMARISED_ERRORS).map((e) => `${e.path} (${Object.values(e.constraints).join('; ')})`);
    const more = errors.length - named.length + (unlisted ?? 0);
    const tail = unlisted === undefined ? ' (params too large to list every problem)' : more > 0 ? ` and ${more} more` : '';
    return `${named.join(', ')}${tail}`;
  }
}
