import { DemoConfigError } from './demo-config.error.js';

/** The Engage Digital instance the demo sends to, decided from the environment. */
export type EngageTarget = RealEngageTarget | EmbeddedEmulatorTarget;

/** A real Engage domain, given by `ENGAGE_BASE_URL`. */
export interface RealEngageTarget {
  readonly kind: 'engage';
  readonly baseUrl: string;
  readonly sourceId: string;
  readonly accessToken: string;
}

/**
 * No `ENGAGE_BASE_URL`: the demo starts the library's `EngageEmulator`
 * in-process, so a newcomer can try every route without an Engage account.
 */
export interface EmbeddedEmulatorTarget {
  readonly kind: 'embedded-emulator';
  readonly sourceId: string;
  readonly accessToken: string;
}

/** Source id and token the embedded emulator is given when the environment names none. */
export const DEMO_SOURCE_ID = 'demo-source';
export const DEMO_ACCESS_TOKEN = 'demo-token';

/** The environment variables the decision reads. */
export interface EngageTargetEnv {
  readonly ENGAGE_BASE_URL?: string;
  readonly ENGAGE_SOURCE_ID?: string;
  readonly ENGAGE_ACCESS_TOKEN?: string;
}

/** A variable set to blanks counts as unset: `ENGAGE_BASE_URL= npm start` means "no Engage". */
function read(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Decides where the demo sends: a real Engage when `ENGAGE_BASE_URL` is set,
 * the embedded emulator otherwise. Pure (no I/O), so it can be unit-tested.
 *
 * @throws DemoConfigError when `ENGAGE_BASE_URL` is set but the source id or token is
 *   missing: falling back to demo credentials would only earn an
 *   `Invalid signature` from the real Engage, later and less clearly.
 */
export function resolveEngageTarget(env: EngageTargetEnv): EngageTarget {
  const baseUrl = read(env.ENGAGE_BASE_URL);
  const sourceId = read(env.ENGAGE_SOURCE_ID);
  // The token is a key: it is used as given, whitespace included.
  const accessToken = env.ENGAGE_ACCESS_TOKEN || undefined;

  if (baseUrl === undefined) {
    return {
      kind: 'embedded-emulator',
      sourceId: sourceId ?? DEMO_SOURCE_ID,
      accessToken: accessToken ?? DEMO_ACCESS_TOKEN,
    };
  }
  if (sourceId === undefined || accessToken === undefined) {
    const missing = Object.entries({ ENGAGE_SOURCE_ID: sourceId, ENGAGE_ACCESS_TOKEN: accessToken })
      .filter(([, value]) => value === undefined)
      .map(([name]) => name);
    throw new DemoConfigError(
      `ENGAGE_BASE_URL is set, so ${missing.join(' and ')} must be set too (unset ENGAGE_BASE_URL to use the embedded emulator)`,
    );
  }
  return { kind: 'engage', baseUrl, sourceId, accessToken };
}

/** One log line describing the target; never includes the token. */
export function describeEngageTarget(target: EngageTarget, baseUrl: string): string {
  return target.kind === 'embedded-emulator'
    ? `Engage: embedded EngageEmulator at ${baseUrl} (source ${target.sourceId}); set ENGAGE_BASE_URL, ENGAGE_SOURCE_ID and ENGAGE_ACCESS_TOKEN to send to a real Engage`
    : `Engage: ${baseUrl} (source ${target.sourceId})`;
}
