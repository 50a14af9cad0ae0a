import type { EmulatorSource } from './emulator-options.js';

/** Port the standalone emulator listens on when `ENGAGE_EMULATOR_PORT` is unset. */
export const DEFAULT_EMULATOR_PORT = 8787;
/** Host the standalone emulator binds when `ENGAGE_EMULATOR_HOST` is unset: loopback only, on purpose. */
export const DEFAULT_EMULATOR_HOST = '127.0.0.1';
/** The source the standalone emulator serves when `ENGAGE_EMULATOR_SOURCES` is unset. */
export const DEFAULT_EMULATOR_SOURCE: Readonly<EmulatorSource> = Object.freeze({ id: 'demo-source', accessToken: 'demo-token' });

/** The standalone emulator's settings, read from the environment. */
export interface EmulatorCliConfig {
  port: number;
  host: string;
  sources: EmulatorSource[];
  /** True when `ENGAGE_EMULATOR_SOURCES` was unset and {@link DEFAULT_EMULATOR_SOURCE} is served. */
  usesDefaultSource: boolean;
}

/**
 * Reads `ENGAGE_EMULATOR_PORT` (default 8787; 0 picks a free port),
 * `ENGAGE_EMULATOR_HOST` (default 127.0.0.1) and `ENGAGE_EMULATOR_SOURCES`
 * (`id:token[,id:token…]`; the token is everything after the first colon).
 * Throws an `Error` naming the variable on invalid values; error messages
 * never contain tokens.
 */
export function parseEmulatorCliConfig(env: Readonly<Record<string, string | undefined>>): EmulatorCliConfig {
  const rawPort = env['ENGAGE_EMULATOR_PORT']?.trim() ?? '';
  const port = rawPort === '' ? DEFAULT_EMULATOR_PORT : Number(rawPort);
  if (!/^\d*$/.test(rawPort) || !Number.isInteger(port) || port > 65_535) {
    throw new Error(`ENGAGE_EMULATOR_PORT must be an integer from 0 to 65535, got "${rawPort}"`);
  }
  const host = env['ENGAGE_EMULATOR_HOST']?.trim() || DEFAULT_EMULATOR_HOST;

  const rawSources = env['ENGAGE_EMULATOR_SOURCES']?.trim() ?? '';
  if (rawSources === '') return { port, host, sources: [{ ...DEFAULT_EMULATOR_SOURCE }], usesDefaultSource: true };
  const sources: EmulatorSource[] = [];
  const entries = rawSources.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? '' : entry.slice(0, colon).trim();
    const accessToken = colon === -1 ? '' : entry.slice(colon + 1).trim();
    if (id === '' || accessToken === '') {
      // Only the position is reported: the entry itself may contain a token.
      throw new Error(`ENGAGE_EMULATOR_SOURCES entry #${index + 1} must be "id:token" with both parts non-empty`);
    }
    if (sources.some((source) => source.id === id)) throw new Error(`ENGAGE_EMULATOR_SOURCES lists source "${id}" twice`);
    sources.push({ id, accessToken });
  }
  if (sources.length === 0) throw new Error('ENGAGE_EMULATOR_SOURCES lists no source; expected "id:token[,id:token…]"');
  return { port, host, sources, usesDefaultSource: false };
}
