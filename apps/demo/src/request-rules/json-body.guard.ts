import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BadRequestException,
  HttpStatus,
  Injectable,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { mediaTypeOf } from './json-body-parser.js';
import { clipped, quoted } from './request-refusal.js';

/** Whether the request carries a body at all (RFC 9112 §6.3: a length, or a transfer coding). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lets a sending route run only with a JSON object body sent as
 * `Content-Type: application/json`. A page of another site can post forms,
 * `text/plain` or nothing at all without asking; `application/json` makes the
 * browser ask first (CORS preflight), and the demo never says yes. Refusals
 * name the fix, and nothing is sent.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<IncomingMessage & { body?: unknown }>();
    const route = `${req.method} ${clipped((req.url ?? '').split('?', 1)[0]!)}`;
    const type = mediaTypeOf(req);

    if (type !== 'application/json' && hasBody(req)) {
      // The body is left unread: close the connection rather than read it all to keep it.
      http.getResponse<ServerResponse>().setHeader('connection', 'close');
      throw new UnsupportedMediaTypeException({
        statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        error: 'Unsupported Media Type',
        code: 'DEMO_JSON_ONLY',
        message: `${route} accepts JSON only, not ${type === '' ? 'a body without Content-Type' : quoted(type)}: send the body as JSON with Content-Type: application/json`,
      });
    }
    // An empty application/json body parses as {} in express: it is still not JSON.
    if (!hasBody(req) || !isJsonObject(req.body)) {
      const got = !hasBody(req) ? (type === '' ? 'no body' : 'an empty body') : 'a JSON array';
      throw new BadRequestException({
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'Bad Request',
        code: 'DEMO_JSON_BODY_REQUIRED',
        message: `${route} needs a JSON object body (got ${got}): send one with Content-Type: application/json, {} when there is nothing to add`,
      });
    }
    return true;
  }
}
