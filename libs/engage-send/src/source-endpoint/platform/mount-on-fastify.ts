import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SourceEndpoint } from '../source-endpoint.js';
import { serveNodeRequest } from './serve-node-request.js';

/** The request and reply of a Fastify route or hook, as far as the endpoint uses them. */
interface FastifyExchange {
  readonly request: { readonly raw: IncomingMessage; readonly method: string; readonly routeOptions: { readonly url?: string } };
  readonly reply: { readonly raw: ServerResponse; hijack(): void };
}

/** The part of a Fastify instance the endpoint uses (no import of fastify itself). */
export interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (request: FastifyExchange['request'], reply: FastifyExchange['reply'], done: (error?: Error) => void) => void,
  ): unknown;
  post(path: string, handler: (request: FastifyExchange['request'], reply: FastifyExchange['reply']) => void): unknown;
}

/**
 * A route for the path, answered from an `onRequest` hook added while Nest
 * instantiates the modules: Fastify runs hooks in the order they were added,
 * so the call is answered before any hook the app adds later (Nest
 * middleware runs in one) and before Fastify reads the body for its content
 * type parsers. The reply is hijacked: the endpoint writes the exact bytes it
 * signed. The route's own handler is what a hook added earlier than ours
 * (on a Fastify instance given to the adapter) would leave the call to.
 */
export function mountOnFastify(app: FastifyLike, endpoint: SourceEndpoint): void {
  const serve = (request: FastifyExchange['request'], reply: FastifyExchange['reply']): void => {
    reply.hijack();
    void serveNodeRequest(endpoint, request.raw, reply.raw);
  };
  app.post(endpoint.path, serve);
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'POST' && request.routeOptions.url === endpoint.path) serve(request, reply);
    else done();
  });
}
