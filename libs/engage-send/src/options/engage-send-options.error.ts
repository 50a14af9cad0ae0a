/**
 * The module options are unusable. Thrown at bootstrap, so a misconfigured
 * app fails to start instead of failing on its first send. The message lists
 * every problem, naming each option; it never repeats the access token.
 */
export class EngageSendOptionsError extends Error {
  /** One line per invalid option, each starting with the option's name. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], name?: string) {
    super(
      `Invalid EngageSendModule options${name ? ` for "${name}"` : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'EngageSendOptionsError';
    this.problems = problems;
  }
}
