/**
 * The source endpoint cannot be set up: handlers and options disagree (two
 * handlers for one call, a declared `create` without its handler, a locale
 * for no custom action…). Thrown at bootstrap; the message lists every
 * problem, naming the handler (`Class.method`) or option concerned.
 */
export class EngageEndpointSetupError extends Error {
  /** One line per problem. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], name?: string) {
    super(`Invalid Engage source endpoint${name ? ` for "${name}"` : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EngageEndpointSetupError';
    this.problems = problems;
  }
}
