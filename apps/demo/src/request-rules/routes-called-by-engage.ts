import type { IncomingMessage } from 'node:http';
import { DEMO_ENDPOINT_PATH } from '../agent-replies/demo-endpoint.js';

/** A route matched by method and exact path (no parameters). */
export interface ExemptRoute {
  readonly method: string;
  readonly path: string;
}

/**
 * Routes that Engage calls, not a browser: the one place to exempt a route from
 * the demo's browser rules (the Host/Origin check and the JSON body parser;
 * the JSON-only guard applies to sending routes only). Engage sends its own
 * `Host` and content type, and such a route authenticates the caller itself
 * (Engage signs its calls), then reads the body as it came.
 *
 * Add a route here only if something other than a browser calls it and it
 * proves who the caller is; everything else stays behind the rules.
 */
export const ROUTES_CALLED_BY_ENGAGE: readonly ExemptRoute[] = [
  // The source endpoint: Engage's signed calls (implementation.info, agents' replies), answered by the
  // library, which mounts it ahead of these rules anyway; listed so that the exemption is said once, here.
  { method: 'POST', path: DEMO_ENDPOINT_PATH },
];

/** The path of a request target, without the query string. */
function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Whether `req` is for one of `routes`. */
export function isExemptRoute(req: IncomingMessage, routes: readonly ExemptRoute[] = ROUTES_CALLED_BY_ENGAGE): boolean {
  if (routes.length === 0) return false;
  const path = pathOf(req);
  return routes.some((route) => route.method === req.method && route.path === path);
}
