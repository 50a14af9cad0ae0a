import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { isExemptRoute, ROUTES_CALLED_BY_ENGAGE, type ExemptRoute } from './routes-called-by-engage.js';

/**
 * Express's JSON limit, above Engage's 20 MiB (20 971 520 bytes): a body
 * between the two reaches the library, which refuses it with its own
 * `ENGAGE_PAYLOAD_TOO_LARGE` answer (and sends nothing) instead of express
 * cutting it off first with a bare 413.
 */
export const JSON_BODY_LIMIT = '25mb';

/** The media type of a request's `Content-Type`, lower-cased, without parameters (`''` when absent). */
export function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** An error the body parser answers with its status and message (Nest renders it like an HttpException). */
class BodyRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

/**
 * Refuses what parsing would otherwise silently alter: JSON between systems is
 * UTF-8 (RFC 8259), and invalid UTF-8 would be decoded to U+FFFD and sent on
 * as if the client had written it.
 */
function checkUtf8(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding !== 'utf-8') {
    throw new BodyRefusal(415, `JSON bodies must be UTF-8 (got charset=${encoding.slice(0, 40)}); nothing was sent`, 'charset.unsupported');
  }
  if (!isUtf8(body)) {
    throw new BodyRefusal(400, 'The request body is not valid UTF-8; nothing was sent (JSON must be UTF-8-encoded)', 'encoding.invalid');
  }
}

/**
 * Installs the demo's only body parser: `application/json`, UTF-8, up to
 * {@link JSON_BODY_LIMIT}. No urlencoded or text parser (the app is created
 * with `bodyParser: false`): a page of another site can send those without
 * asking (no CORS preflight); JSON it can't. Routes in `exempt` (called by
 * Engage) keep their body unread.
 *
 * Keep `rawBody` off in the app options: Nest would replace `verify`, and with
 * it the UTF-8 check (the demo's tests would fail).
 */
export function useJsonBodyParser(app: NestExpressApplication, exempt: readonly ExemptRoute[] = ROUTES_CALLED_BY_ENGAGE): void {
  app.useBodyParser('json', {
    limit: JSON_BODY_LIMIT,
    type: (req: IncomingMessage) => mediaTypeOf(req) === 'application/json' && !isExemptRoute(req, exempt),
    verify: checkUtf8,
  });
}
