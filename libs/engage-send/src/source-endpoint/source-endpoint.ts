import { Logger } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import { isDataObject } from '../validation/data-object.js';
import type { EngageSendConfig } from '../options/engage-send-config.js';
import { verifySignature } from '../signing/verify-signature.js';
import { checkAnswer } from './answer-checks.js';
import { validateCallParams } from './call-params-validator.js';
import type { DiscoveredCallHandler } from './discover-call-handlers.js';
import type { EngageCall } from './engage-call.interface.js';
import { canonicalAction, parseCallAction, type ParsedCallAction } from './engage-call-action.js';
import { EngageContentError } from './engage-content.error.js';
import { signatureOf } from './engage-signature.js';
import { signedJsonAnswer, textAnswer, type EndpointAnswer } from './endpoint-answer.js';
import { buildImplementationInfo, type ImplementationInfo } from './implementation-info.js';
import type { BodyRead } from './read-bounded-body.js';
import { ReceiveMetrics } from './receive-metrics.js';
import { ReceiveTracer, type ReceiveOutcome } from './receive-span.js';
import type { EngageEndpointConfig } from './resolve-endpoint-options.js';

/** One call as the HTTP platform hands it over. */
export interface EndpointRequest {
  /** Reads the body, at most `maxBytes` of it. */
  readBody(maxBytes: number): Promise<BodyRead>;
  /** The `X-SMCCSDK-SIGNATURE` header. */
  readonly signatureHeader: string | string[] | undefined;
  /** The request target (path and query): the signature may be its `signature` parameter. */
  readonly url: string | undefined;
}

/** Longest refusal text: the failing fields of a malformed call, no more. */
const MAX_REFUSAL_CHARS = 1024;

interface Ending {
  readonly answer: EndpointAnswer | undefined;
  readonly outcome: ReceiveOutcome;
  readonly action?: string;
  readonly errorType?: string;
}

/**
 * Engage's side of the contract for one registration, independent of the
 * HTTP platform: takes the raw bytes of a call, verifies their signature,
 * reads the envelope, validates the params, runs the handler, checks and
 * signs its answer. Every call gets a SERVER span, a metric, and a log line
 * when it is refused or fails.
 */
export class SourceEndpoint {
  private readonly logger: Logger;
  private readonly tracer: ReceiveTracer;
  private readonly metrics: ReceiveMetrics;
  private table: ReadonlyMap<string, DiscoveredCallHandler> | undefined;
  private info: ImplementationInfo | undefined;
  /** Answers built once: they never change while the app runs. */
  private infoAnswer: EndpointAnswer | undefined;
  private emptyListAnswer: EndpointAnswer | undefined;
  private emptyShowAnswer: EndpointAnswer | undefined;
  private warnedReusedId = false;

  constructor(
    private readonly config: EngageSendConfig,
    private readonly endpoint: EngageEndpointConfig,
  ) {
    this.logger = new Logger(config.name ? `EngageEndpoint:${config.name}` : 'EngageEndpoint');
    this.tracer = new ReceiveTracer(config.sourceId);
    this.metrics = new ReceiveMetrics(config.sourceId);
  }

  /** The path Engage POSTs to. */
  get path(): string {
    return this.endpoint.path;
  }

  /** Largest body accepted, in bytes. */
  get maxBodyBytes(): number {
    return this.endpoint.maxBodyBytes;
  }

  /** The `implementation.info` answer, once the handlers are known. */
  get implementationInfo(): ImplementationInfo | undefined {
    return this.info;
  }

  /** Starts answering, with the app's handlers by canonical action. */
  activate(table: ReadonlyMap<string, DiscoveredCallHandler>): ImplementationInfo {
    const key = this.config.signingKey;
    this.table = table;
    this.info = buildImplementationInfo(table.keys(), this.endpoint, this.config.sourceOptions);
    this.infoAnswer = signedJsonAnswer(JSON.stringify(this.info), key);
    this.emptyListAnswer = signedJsonAnswer('[]', key);
    this.emptyShowAnswer = signedJsonAnswer('{}', key);
    return this.info;
  }

  /**
   * Answers one call. Resolves with `undefined` only when the caller left
   * before its body arrived (there is no one to answer). Never rejects.
   */
  serve(request: EndpointRequest): Promise<EndpointAnswer | undefined> {
    const started = performance.now();
    return this.tracer.inReceiveSpan(async (span) => {
      let ending: Ending;
      try {
        ending = await this.process(request, span);
      } catch (error) {
        // A bug of ours: never let it take the platform's error path (which might echo things).
        this.logger.error(`internal error while answering a call: ${error instanceof Error ? error.message : String(error)}`);
        ending = { answer: textAnswer(500, 'Internal server error'), outcome: 'error', errorType: 'internal_error' };
      }
      ReceiveTracer.ended(span, ending.outcome, ending.answer?.status, ending.errorType);
      this.metrics.record(ending.action, ending.outcome, (performance.now() - started) / 1000, ending.errorType);
      return ending.answer;
    });
  }

  private async process(request: EndpointRequest, span: Span): Promise<Ending> {
    if (this.table === undefined) return this.refuse(503, 'Not ready', 'not_ready', 'the application is not initialised yet', true);
    const read = await request.readBody(this.endpoint.maxBodyBytes);
    if (read.kind === 'aborted') return { answer: undefined, outcome: 'aborted', errorType: 'aborted' };
    if (read.kind === 'too-large') {
      return this.refuse(413, 'Request body too large', 'body_too_large', `body over ${this.endpoint.maxBodyBytes} bytes${read.announced ? ' (announced)' : ''}`, true);
    }
    if (read.kind === 'consumed') {
      this.logger.error(
        `the request body was read before the endpoint at ${this.endpoint.path} could verify it: a body parser is mounted in front of it (e.g. on an Express instance given to ExpressAdapter)`,
      );
      return { answer: textAnswer(500, 'Internal server error'), outcome: 'error', errorType: 'body_consumed' };
    }
    const { body } = read;
    const signature = signatureOf(request.signatureHeader, request.url);
    if (!verifySignature(body, signature, this.config.signingKey, 'any')) {
      const carrier = request.signatureHeader !== undefined ? 'header' : signature !== undefined ? 'query parameter' : 'missing';
      return this.refuse(422, 'Invalid signature', 'invalid_signature', `invalid signature (${carrier}, ${body.length} bytes)`);
    }

    let envelope: unknown;
    try {
      // An own "__proto__" key JSON.parse may keep is dropped by the params' contract check.
      envelope = JSON.parse(body.toString('utf8'));
    } catch {
      return this.refuse(400, 'Bad request', 'malformed_call', `body is not JSON (${body.length} bytes)`);
    }
    if (!isDataObject(envelope) || typeof envelope['action'] !== 'string') {
      return this.refuse(400, 'Bad request', 'malformed_call', 'body is not an object with a string "action"');
    }
    const receivedAction = envelope['action'];
    const parsed = parseCallAction(receivedAction);
    if (parsed === undefined) return this.refuse(400, 'Unknown action', 'unknown_action', 'unknown action');
    const action = canonicalAction(parsed);
    if (parsed.kind === 'info') {
      ReceiveTracer.named(span, action);
      return { answer: this.infoAnswer, outcome: 'success', action };
    }
    const handler = this.table.get(action);
    if (handler === undefined) {
      // Only implementation.info is mandatory: without a handler, list has nothing and show knows nothing (spec).
      if (parsed.kind === 'list' || parsed.kind === 'show') {
        ReceiveTracer.named(span, action);
        return { answer: parsed.kind === 'list' ? this.emptyListAnswer : this.emptyShowAnswer, outcome: 'success', action };
      }
      return this.refuse(400, 'Unknown action', 'unknown_action', 'action with no handler');
    }
    ReceiveTracer.named(span, action);

    const validation = validateCallParams(parsed, envelope['params']);
    if (!validation.ok) {
      const fields = validation.errors.map((e) => `${e.path} (${Object.values(e.constraints).join('; ')})`).join(', ');
      const text = `Invalid params: ${fields}`;
      const paths = validation.errors.map((e) => e.path);
      const listed = paths.length > 10 ? `${paths.slice(0, 10).join(', ')} (and ${paths.length - 10} more)` : paths.join(', ');
      return { ...this.refuse(400, text.length > MAX_REFUSAL_CHARS ? `${text.slice(0, MAX_REFUSAL_CHARS - 1)}…` : text, 'invalid_params', `${action}: invalid params ${listed}`), action };
    }
    const call: EngageCall = {
      action,
      receivedAction,
      object: parsed.kind === 'queuing_update' ? undefined : parsed.object,
      operation: parsed.kind === 'queuing_update' ? undefined : parsed.kind === 'custom' ? parsed.operation : parsed.kind,
      time: typeof envelope['time'] === 'string' ? envelope['time'] : undefined,
      sourceId: this.config.sourceId,
      registration: this.config.name,
    };
    return this.run(handler, parsed, validation.value, call);
  }

  /** Runs the handler and turns what it returns or throws into the answer. */
  private async run(handler: DiscoveredCallHandler, parsed: ParsedCallAction, params: object, call: EngageCall): Promise<Ending> {
    const { action } = call;
    let answer: unknown;
    try {
      answer = await handler.invoke(params, call);
    } catch (error) {
      if (error instanceof EngageContentError) {
        return { answer: signedJsonAnswer(JSON.stringify(error.toAnswer()), this.config.signingKey), outcome: 'content_error', action };
      }
      this.logger.error(`${action}: ${handler.label} failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
      return { answer: textAnswer(500, 'Internal server error'), outcome: 'error', action, errorType: 'handler_error' };
    }
    const check = checkAnswer(parsed, answer);
    let json: string | undefined;
    let problem = check.ok ? undefined : check.problem;
    if (check.ok) {
      try {
        json = JSON.stringify(check.value);
        if (json === undefined) problem = 'must answer something JSON can represent';
      } catch (error) {
        problem = `answered something JSON cannot represent (${error instanceof Error ? error.message : String(error)})`;
      }
    }
    if (problem !== undefined || json === undefined) {
      this.logger.error(`${action}: ${handler.label} ${problem ?? 'answered nothing'}; answered 500 instead`);
      return { answer: textAnswer(500, 'Internal server error'), outcome: 'error', action, errorType: 'invalid_answer' };
    }
    if (parsed.kind === 'create' && !this.warnedReusedId) this.warnOnReusedId(handler, params, answer);
    return { answer: signedJsonAnswer(json, this.config.signingKey), outcome: 'success', action };
  }

  /** Spec disagreement 3: the id of a created content is a fresh one, not the `in_reply_to_id`. Said once. */
  private warnOnReusedId(handler: DiscoveredCallHandler, params: object, answer: unknown): void {
    const inReplyTo = (params as { in_reply_to_id?: unknown }).in_reply_to_id;
    if (inReplyTo === undefined || (answer as { id?: unknown }).id !== inReplyTo) return;
    this.warnedReusedId = true;
    this.logger.warn(
      `${handler.label} answered a create with the in_reply_to_id as the new content's id; Engage will refer to the reply by that id (e.g. in status.mark_as_read): return the reply's own id`,
    );
  }

  private refuse(status: number, text: string, errorType: string, reason: string, close = false): Ending {
    // The refusal never names the token, the signature or the body: only what was wrong and its size.
    // Field paths may hold a body's keys: no control character (no forged line), a bounded length.
    const line = reason.replace(/[\u0000-\u001f\u007f]/g, '?');
    this.logger.warn(`refused a call to ${this.endpoint.path}: ${line.length > MAX_REFUSAL_CHARS ? `${line.slice(0, MAX_REFUSAL_CHARS - 1)}…` : line}`);
    return { answer: textAnswer(status, text, close), outcome: 'refused', errorType };
  }
}
