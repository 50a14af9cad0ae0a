import { DemoConfigError } from './demo-config.error.js';

/** Where the demo's HTTP server listens. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export const DEFAULT_PORT = 3000;
/**
 * Loopback by default: the demo has no authentication and signs whatever it
 * is sent with the source's token. Set `HOST=0.0.0.0` to expose it (e.g. in a container).
 */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Reads `PORT` (default 3000; `0` picks a free port) and `HOST`.
 *
 * @throws DemoConfigError when `PORT` is not an integer from 0 to 65535.
 */
export function resolveListenAddress(env: { readonly PORT?: string; readonly HOST?: string }): ListenAddress {
  const port = env.PORT?.trim() || String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) {
    throw new DemoConfigError(`PORT must be an integer from 0 to 65535 (got ${JSON.stringify(env.PORT)})`);
  }
  return { host: env.HOST?.trim() || DEFAULT_HOST, port: Number(port) };
}
