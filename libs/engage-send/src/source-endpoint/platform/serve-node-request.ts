import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { readBoundedBody } from '../read-bounded-body.js';
import type { SourceEndpoint } from '../source-endpoint.js';

/**
 * Serves one call on Node's own request and response, which both Express and
 * Fastify expose: `body` is the stream the bytes come from (the request
 * itself, unless the platform hands over another one), read untouched.
 */
export async function serveNodeRequest(endpoint: SourceEndpoint, req: IncomingMessage, res: ServerResponse, body: Readable = req): Promise<void> {
  const answer = await endpoint.serve({
    readBody: (maxBytes) => readBoundedBody(body, req.headers['content-length'], maxBytes),
    signatureHeader: req.headers['x-smccsdk-signature'],
    url: req.url,
  });
  if (answer === undefined || res.headersSent || res.destroyed) return;
  try {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  } catch {
    // The socket went away while answering: nothing left to tell anyone.
    res.destroy();
  }
}
