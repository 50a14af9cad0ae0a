import { DemoConfigError } from '../demo-config.error.js';

/**
 * The Redis the demo's outbox uses, from `REDIS_URL`: `undefined` when unset
 * or blank (sends are then made directly, no Redis needed).
 *
 * @throws DemoConfigError naming the variable when it is not a `redis://` or `rediss://` URL.
 */
export function resolveRedisUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new DemoConfigError('REDIS_URL must be a URL such as redis://127.0.0.1:6379 (or unset it to send directly, without Redis)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new DemoConfigError(`REDIS_URL must use redis:// or rediss:// (got "${url.protocol}")`);
  }
  return trimmed;
}

/** The URL for a log line: credentials masked. */
export function describeRedisUrl(redisUrl: string): string {
  const url = new URL(redisUrl);
  if (url.password) url.password = '***';
  return url.href;
}
