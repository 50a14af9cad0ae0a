import type { LogLevel } from '@nestjs/common';
import { DemoConfigError } from '../demo-config.error.js';

/** Nest's levels, most severe first: `LOG_LEVEL=x` shows x and everything above it. */
const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The default: what the demo and the emulator do, and every warning; not the library's per-send debug lines. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'log';

/**
 * The levels to print for `LOG_LEVEL` (`error`, `warn`, `log` — the default —,
 * `debug` or `verbose`).
 *
 * @throws DemoConfigError naming the variable when the level is unknown.
 */
export function resolveLogLevels(env: { readonly LOG_LEVEL?: string }): LogLevel[] {
  const asked = (env.LOG_LEVEL?.trim().toLowerCase() || DEFAULT_LOG_LEVEL) as LogLevel;
  const at = LEVELS.indexOf(asked);
  if (at === -1) {
    throw new DemoConfigError(`LOG_LEVEL must be one of ${LEVELS.slice(1).join(', ')} (got ${JSON.stringify(env.LOG_LEVEL)})`);
  }
  return LEVELS.slice(0, at + 1);
}
