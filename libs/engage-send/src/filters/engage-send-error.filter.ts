import { Catch, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EngageSendError } from '../errors/engage-send.error.js';
import { toHttpAnswer } from './engage-error-http-answer.js';

/**
 * Turns {@link EngageSendError}s into HTTP answers (Express or Fastify):
 * the caller's own mistakes as 4xx (400 with the failing fields, 413, 422,
 * 429 with `Retry-After`), upstream trouble as 502 / 503 / 504, Engage's
 * message kept in the JSON body. See {@link toHttpAnswer}.
 *
 * ```ts
 * @UseFilters(EngageSendErrorFilter)                       // a controller
 * { provide: APP_FILTER, useClass: EngageSendErrorFilter } // the whole app
 * ```
 */
@Catch(EngageSendError)
export class EngageSendErrorFilter implements ExceptionFilter<EngageSendError> {
  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(error: EngageSendError, host: ArgumentsHost): void {
    const { status, headers, body } = toHttpAnswer(error);
    const response = host.switchToHttp().getResponse();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter) {
      for (const [name, value] of Object.entries(headers)) adapter.setHeader(response, name, value);
      adapter.reply(response, body, status);
      return;
    }
    // Constructed with `new` outside DI: speak to the platform's response directly.
    for (const [name, value] of Object.entries(headers)) response.header(name, value);
    if (typeof response.code === 'function') response.code(status).send(body); // Fastify
    else response.status(status).json(body); // Express
  }
}
