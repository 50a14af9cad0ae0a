import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostNameOf, type AllowedHosts } from './allowed-hosts.js';
import { quoted, refuseRequest } from './request-refusal.js';
import { isExemptRoute, ROUTES_CALLED_BY_ENGAGE, type ExemptRoute } from './routes-called-by-engage.js';

/** Whether an `Origin` header names the same origin as the request's `Host` (`null` and garbage never do). */
function isSameOrigin(origin: string, host: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  // The Host header is already known to be host[:port]; parsed with the Origin's scheme, default ports compare equal.
  return url.host === new URL(`${url.protocol}//${host}`).host;
}

/**
 * Middleware, first of all: refuses (403, before the body is read) a request
 * whose `Host` is not one of `allowed` — a page that rebinds its own DNS name
 * to 127.0.0.1 reaches the demo with that name in `Host` — or whose `Origin`
 * is another site's. Routes in `exempt` (called by Engage) are let through.
 */
export function hostOriginCheck(allowed: AllowedHosts, exempt: readonly ExemptRoute[] = ROUTES_CALLED_BY_ENGAGE) {
  return function hostOriginCheck(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    if (isExemptRoute(req, exempt)) return next();
    const host = req.headers.host ?? '';
    const name = hostNameOf(host);
    if (name === undefined || !allowed.has(name)) {
      return refuseRequest(
        res,
        403,
        'DEMO_HOST_NOT_ALLOWED',
        `The demo does not answer to Host ${quoted(host)}, only to ${[...allowed].join(', ')}: another name may be a ` +
          'DNS-rebinding page driving it. If you reach the demo under that name, add it to ALLOWED_HOSTS.',
      );
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isSameOrigin(origin, host)) {
      return refuseRequest(
        res,
        403,
        'DEMO_CROSS_ORIGIN',
        `Requests from another origin (${quoted(origin)}) are refused: the demo signs and sends what it receives, ` +
          'so only its own pages may call it from a browser.',
      );
    }
    next();
  };
}
