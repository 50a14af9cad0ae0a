/** The packages an app installs to use the outbox (BullMQ, its Nest module, and BullMQ's default Redis client). */
export const OUTBOX_PEER_PACKAGES = ['bullmq', '@nestjs/bullmq', 'ioredis'] as const;

/**
 * `EngageOutboxModule` is configured but BullMQ could not be loaded. Thrown at
 * bootstrap; the message names what to install.
 */
export class EngageOutboxDependencyError extends Error {
  /** The packages that could not be loaded. */
  readonly missing: readonly string[];

  constructor(missing: readonly string[]) {
    super(
      `EngageOutboxModule needs BullMQ, which could not be loaded (${missing.join(', ')}). ` +
        `Install it with: npm install ${OUTBOX_PEER_PACKAGES.join(' ')} ` +
        `(ioredis, or another Redis client BullMQ supports). Apps that do not use the outbox need none of them.`,
    );
    this.name = 'EngageOutboxDependencyError';
    this.missing = missing;
  }
}

/**
 * The outbox options are unusable. Thrown by `EngageOutboxModule.forRoot()`,
 * so a misconfigured app fails to start; one line per problem, each naming the option.
 */
export class EngageOutboxOptionsError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid EngageOutboxModule options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EngageOutboxOptionsError';
    this.problems = problems;
  }
}
