import { DemoConfigError } from '../demo-config.error.js';

/** The host names (no port) the demo answers to; anything else is refused (DNS rebinding). */
export type AllowedHosts = ReadonlySet<string>;

/** The names a browser on this machine may use for the demo when it listens on loopback. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Wildcard listen addresses: they name no host a browser would use. */
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);

/**
 * A `Host` header, or `host[:port]` of an `Origin`: a DNS name, an IPv4
 * address, or a bracketed IPv6 address, then an optional port. Anything else
 * (`user@host`, paths, spaces) is refused rather than interpreted.
 */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i;

/** The environment variables read. */
export interface AllowedHostsEnv {
  /** Comma-separated host names to answer to besides loopback, e.g. `demo.internal,10.0.0.7`. */
  readonly ALLOWED_HOSTS?: string;
  /** The listen address: a specific name or address is allowed too. */
  readonly HOST?: string;
}

/** `Localhost.` → `localhost`: case and a trailing dot do not make another host. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Loopback names, the listen address when it names a host, and `ALLOWED_HOSTS`.
 *
 * @throws DemoConfigError when an `ALLOWED_HOSTS` entry is not a bare host name (a port,
 *   scheme or path there is a mistake that would otherwise allow nothing).
 */
export function resolveAllowedHosts(env: AllowedHostsEnv): AllowedHosts {
  const names = new Set(LOOPBACK_HOST_NAMES);
  const listen = env.HOST?.trim();
  if (listen && !WILDCARD_ADDRESSES.has(listen)) names.add(normalize(listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen));
  for (const entry of (env.ALLOWED_HOSTS ?? '').split(',')) {
    const name = entry.trim();
    if (name === '') continue;
    const parsed = HOST_HEADER.exec(name);
    if (parsed === null || parsed[2] !== undefined) {
      throw new DemoConfigError(`ALLOWED_HOSTS must list host names without port or scheme, separated by commas (got ${JSON.stringify(name)})`);
    }
    names.add(normalize(name));
  }
  return names;
}

/** The host name of a `Host` header value (`[::1]:3000` → `[::1]`), or `undefined` when it is not one. */
export function hostNameOf(hostHeader: string | undefined): string | undefined {
  const parsed = hostHeader === undefined ? null : HOST_HEADER.exec(hostHeader.trim());
  return parsed === null ? undefined : normalize(parsed[1] as string);
}
