import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * Express's JSON limit, above Engage's 20 MiB (20 971 520 bytes): a body
 * between the two reaches the library, which refuses it with its own
 * `ENGAGE_PAYLOAD_TOO_LARGE` answer (and sends nothing) instead of express
 * cutting it off first with a bare 413.
 */
export const JSON_BODY_LIMIT = '25mb';

/**
 * Settings shared by `bootstrap` and the tests, applied before `init()`/`listen()`.
 * Replaces Nest's default JSON parser (Nest skips its own when one is set).
 * No ValidationPipe on purpose: it would strip or reject fields by its own
 * rules; the library validates every send against the Send API contract.
 */
export function configureDemoApp(app: NestExpressApplication): NestExpressApplication {
  return app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
}
