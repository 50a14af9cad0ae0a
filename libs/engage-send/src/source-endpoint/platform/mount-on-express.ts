import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SourceEndpoint } from '../source-endpoint.js';
import { serveNodeRequest } from './serve-node-request.js';

/** The part of an Express application the endpoint uses (no import of express itself). */
export interface ExpressLike {
  post(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): unknown;
}

/**
 * A route on the Express application itself, added while Nest instantiates
 * the modules: ahead of the body parsers (which Nest adds in `app.init()`)
 * and of any middleware the app adds, so the bytes are still unread. The
 * route answers every call itself; nothing after it runs.
 */
export function mountOnExpress(app: ExpressLike, endpoint: SourceEndpoint): void {
  app.post(endpoint.path, (req, res) => {
    void serveNodeRequest(endpoint, req, res);
  });
}
