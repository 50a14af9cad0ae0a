import { inspect } from 'node:util';

const REDACTED = '[REDACTED engage access token]';

/**
 * An access token that does not print: `JSON.stringify`, `util.inspect`,
 * template strings and loggers all see `[REDACTED engage access token]`.
 * Pass it as `accessToken` when your options object may end up in a log
 * (a config dump, an error report); a plain string works too.
 *
 * ```ts
 * accessToken: EngageAccessToken.from(config.getOrThrow<string>('ENGAGE_ACCESS_TOKEN'))
 * ```
 */
export class EngageAccessToken {
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
  }

  /** Wraps a token (`undefined` stays missing, so bootstrap validation still names it). */
  static from(value: string): EngageAccessToken;
  static from(value: string | undefined): EngageAccessToken | undefined;
  static from(value: string | undefined): EngageAccessToken | undefined {
    return value === undefined ? undefined : new EngageAccessToken(value);
  }

  /** The token itself: only the signing key is built from it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
