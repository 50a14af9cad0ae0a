import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpException, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EngageSendError } from 'engage-send';
import { tap, type Observable } from 'rxjs';
import { SENDS_ACTION } from '../routes/sends-action.decorator.js';
import { clip, idsOf } from './inspector-entry.js';
import { InspectorFeed } from './inspector-feed.service.js';

/** What the handler's result or error says about the send. */
interface SendOutcome {
  readonly outcome: string;
  readonly attempts?: number;
}

function fromResult(result: unknown): SendOutcome {
  const r = (typeof result === 'object' && result !== null ? result : {}) as { coalesced?: unknown; attempts?: unknown };
  return {
    outcome: r.coalesced === true ? 'coalesced (not sent)' : 'ok',
    ...(typeof r.attempts === 'number' ? { attempts: r.attempts } : {}),
  };
}

function fromError(error: unknown): SendOutcome {
  if (error instanceof EngageSendError) return { outcome: error.code, attempts: error.attempts };
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
    return { outcome: typeof code === 'string' ? code : `HTTP ${error.getStatus()}` };
  }
  return { outcome: error instanceof Error ? clip(error.name) : 'error' };
}

/**
 * Records each call to a sending route (a handler with `@SendsAction`) for the
 * inspector, once its answer is sent, and logs it in one line. Requests a
 * guard refused never reach it: nothing was sent.
 */
@Injectable()
export class SendRecorderInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly reflector: Reflector,
    private readonly feed: InspectorFeed,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<string | undefined>(SENDS_ACTION, context.getHandler());
    if (action === undefined || context.getType() !== 'http') return next.handle();

    const http = context.switchToHttp();
    const req = http.getRequest<IncomingMessage & { body?: unknown; params?: Record<string, string> }>();
    const res = http.getResponse<ServerResponse>();
    const started = performance.now();
    const route = `${req.method} ${clip((req.url ?? '').split('?', 1)[0]!, 100)}`;
    // The params the handler builds: the body, with the ids the path names.
    const { id, threadId } = req.params ?? {};
    const ids = idsOf({ ...(req.body as object), ...(id === undefined ? {} : { id }), ...(threadId === undefined ? {} : { thread_id: threadId }) });
    let outcome: SendOutcome = { outcome: 'no answer' };

    res.once('close', () => {
      const status = res.headersSent ? res.statusCode : 0;
      // 202: accepted for later delivery (the outbox), not sent yet.
      if (status === 202 && outcome.outcome === 'ok') outcome = { outcome: 'queued' };
      const durationMs = Math.round(performance.now() - started);
      this.feed.record({ kind: 'sent', at: new Date().toISOString(), route, action, ids, status, ...outcome, durationMs });
      const attempts = outcome.attempts === undefined ? '' : `, ${outcome.attempts} attempt(s)`;
      this.logger.log(`${route} → ${status} ${action}: ${outcome.outcome}${attempts}, ${durationMs} ms`);
    });
    return next.handle().pipe(
      tap({
        next: (result) => (outcome = fromResult(result)),
        error: (error: unknown) => (outcome = fromError(error)),
      }),
    );
  }
}
