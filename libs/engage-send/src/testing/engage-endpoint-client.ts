import { Agent, request } from 'undici';
import { EngageEndpointCallError } from './endpoint-call.error.js';
import { readImplementationInfo, type DeclaredImplementation } from './implementation-info-declaration.js';
import { signBody } from '../signing/sign-body.js';
import { verifySignature } from '../signing/verify-signature.js';

/** How to reach an integration's source endpoint. */
export interface EngageEndpointClientOptions {
  /** The endpoint's URL: the Base URI an administrator enters in Engage, e.g. `http://127.0.0.1:3000/engage`. */
  url: string;
  /** The source's access token: signs the calls, checks the answers. */
  accessToken: string;
  /** Where the signature goes: the `X-SMCCSDK-SIGNATURE` header (default) or the `signature` query parameter. */
  signatureIn?: 'header' | 'query';
  /** Time allowed for one call, ms. Default `10000`. */
  timeoutMs?: number;
  /** Wait between Engage's retries of a delivery, ms. Default `0`. */
  retryDelayMs?: number;
  /** The `time` of each call. Default: now. */
  now?: () => Date;
}

/** One call and its answer, as received. */
export interface EndpointExchange {
  readonly action: string;
  readonly status: number;
  /** The answer's bytes. */
  readonly body: Buffer;
  /** Whether `X-SMCCSDK-SIGNATURE` is the HMAC of exactly those bytes under the token. */
  readonly signatureValid: boolean;
  /** The answer parsed as JSON, when it is JSON. */
  readonly json?: unknown;
}

/** One attempt of a retried call. */
export interface DeliveryAttempt {
  /** The `retry` flag sent (creates only): `false` first, `true` on retries. */
  readonly retry: boolean;
  readonly status?: number;
  /** Why the attempt counted as failed, if it did. */
  readonly failure?: string;
}

/** How a retried call (an agent's reply, a delete, a publish…) ended. */
export interface DeliveryReport {
  /** `accepted`: a 2xx answer of the expected shape; `content_error`: `{"error": …}` fatal, or not fatal on the last attempt; `failed`: every attempt failed. */
  readonly outcome: 'accepted' | 'content_error' | 'failed';
  readonly attempts: readonly DeliveryAttempt[];
  /** The accepted answer (`{ id, … }` for a create), or the last `{"error": …}`. */
  readonly answer?: unknown;
}

/** Options of a retried call. */
export interface DeliveryOptions {
  /**
   * Treat this many first answers as lost (as if the connection broke after
   * the integration answered), whatever they said: Engage then delivers again.
   */
  loseAnswers?: number;
}

/** A content list crawled with `since_id`. */
export interface CrawlResult {
  /** The contents, in the order Engage imports them (oldest first). */
  readonly contents: readonly Record<string, unknown>[];
  /** `list` calls made. */
  readonly calls: number;
  /** The `since_id` the next crawl would start from. */
  readonly lastId?: string;
}

/** Engage retries `create`, `delete`, `publish` and `unpublish` up to 3 times on failure. */
const ENGAGE_RETRIES = 3;
/** Most bytes of an answer read: Engage's own request limit. */
const MAX_ANSWER_BYTES = 20_971_520;

/**
 * Engage's side of the source endpoint contract, for tests, demos and the
 * command line: signed calls to an integration's endpoint (`implementation.info`,
 * `<object>.list` crawled with `since_id`, agents' contents delivered with
 * Engage's retry behaviour…), and a check of every answer's signature over
 * the bytes received.
 *
 * ```ts
 * const engage = new EngageEndpointClient({ url: `${appUrl}/engage`, accessToken });
 * const info = await engage.implementationInfo();
 * emulator.addSource(declaredSource(source, info)); // refuse what was not declared
 * await engage.deliver('messages', { body: 'Hello', in_reply_to_id: 'm1', thread_id: 't1', content_id: 'c1' });
 * await engage.close();
 * ```
 */
export class EngageEndpointClient {
  private readonly dispatcher = new Agent({ keepAliveTimeout: 1_000 });
  private readonly url: URL;
  private readonly timeoutMs: number;

  constructor(private readonly options: EngageEndpointClientOptions) {
    if (typeof options.accessToken !== 'string' || options.accessToken === '') throw new TypeError('accessToken must be a non-empty string');
    this.url = new URL(options.url);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Sends exactly `body`, signed, and reads the answer. Rejects only when no answer came. */
  async send(action: string, body: string | Buffer): Promise<EndpointExchange> {
    const signature = signBody(body, this.options.accessToken);
    const url = new URL(this.url);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.signatureIn === 'query') url.searchParams.set('signature', signature);
    else headers['x-smccsdk-signature'] = signature;
    let answer;
    try {
      answer = await request(url, { method: 'POST', headers, body, dispatcher: this.dispatcher, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
    } catch (error) {
      throw new EngageEndpointCallError(action, `no answer (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) {
        answer.body.destroy();
        throw new EngageEndpointCallError(action, `answer over ${MAX_ANSWER_BYTES} bytes`, answer.statusCode);
      }
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks, size);
    const signatureHeader = answer.headers['x-smccsdk-signature'];
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      json = undefined;
    }
    return { action, status: answer.statusCode, body: bytes, signatureValid: verifySignature(bytes, signatureHeader, this.options.accessToken, 'lower'), json };
  }

  /** Calls `action` with `params` (compact JSON, with Engage's `time`). */
  call(action: string, params?: Record<string, unknown>): Promise<EndpointExchange> {
    const time = (this.options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return this.send(action, JSON.stringify(params === undefined ? { action, time } : { action, params, time }));
  }

  /**
   * What the integration declares. Both documented shapes are read (object
   * of arrays, or a flat list).
   *
   * @throws EngageEndpointCallError when it does not answer 2xx, signed, in either shape.
   */
  async implementationInfo(): Promise<DeclaredImplementation> {
    const exchange = await this.call('implementation.info');
    this.expectSigned(exchange);
    try {
      return readImplementationInfo(exchange.json);
    } catch (error) {
      throw new EngageEndpointCallError('implementation.info', (error as Error).message, exchange.status);
    }
  }

  /**
   * Crawls `<object>.list` as Engage imports: `since_id` absent first, then
   * the id of the newest content of the previous answer, until an answer is
   * empty (at most `maxCalls` calls).
   *
   * @throws EngageEndpointCallError on a failed call, an answer that is not an
   *   array of contents with ids, or a content answered twice (`since_id` ignored).
   */
  async crawl(object: string, options: { sinceId?: string; maxCalls?: number } = {}): Promise<CrawlResult> {
    const action = `${object}.list`;
    const contents: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    let sinceId = options.sinceId;
    let calls = 0;
    while (calls < (options.maxCalls ?? 50)) {
      const exchange = await this.call(action, sinceId === undefined ? undefined : { since_id: sinceId });
      calls++;
      this.expectSigned(exchange);
      const page = exchange.json;
      if (!Array.isArray(page)) throw new EngageEndpointCallError(action, 'must answer a JSON array', exchange.status);
      if (page.length === 0) break;
      for (const content of page) {
        const id: unknown = (content as { id?: unknown } | null)?.id;
        if (typeof id !== 'string' || id === '') throw new EngageEndpointCallError(action, 'every content needs a string id', exchange.status);
        if (seen.has(id)) throw new EngageEndpointCallError(action, `content ${id} answered again after since_id ${String(sinceId)}`, exchange.status);
        seen.add(id);
      }
      // Newest first: the first content is the newest, the one to continue from; import oldest first.
      sinceId = (page[0] as { id: string }).id;
      contents.push(...(page.toReversed() as Record<string, unknown>[]));
    }
    return { contents, calls, lastId: sinceId };
  }

  /**
   * Delivers an agent's content (`<object>.create`) as Engage does: `retry:
   * false`, then up to 3 retries with `retry: true` while the answer is
   * missing, non-2xx, unsigned, without an `id`, or a non-fatal `{"error": …}`.
   */
  deliver(object: string, content: Record<string, unknown>, options: DeliveryOptions = {}): Promise<DeliveryReport> {
    return this.retried(`${object}.create`, (retry) => ({ ...content, retry }), options);
  }

  /** `<object>.delete`, `.publish` or `.unpublish` of `id`, retried as Engage does. */
  act(action: string, id: string, options: DeliveryOptions = {}): Promise<DeliveryReport> {
    return this.retried(action, () => ({ id }), options);
  }

  /** Closes the client's connections. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async retried(action: string, params: (retry: boolean) => Record<string, unknown>, options: DeliveryOptions): Promise<DeliveryReport> {
    const attempts: DeliveryAttempt[] = [];
    const isCreate = action.endsWith('.create');
    let contentError: unknown;
    for (let attempt = 0; attempt <= ENGAGE_RETRIES; attempt++) {
      if (attempt > 0 && this.options.retryDelayMs) await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
      const retry = attempt > 0;
      let exchange: EndpointExchange;
      try {
        exchange = await this.call(action, params(retry));
      } catch (error) {
        attempts.push({ retry, failure: (error as Error).message });
        continue;
      }
      const verdict = attempt < (options.loseAnswers ?? 0) ? { failure: 'answer lost' } : judgeAnswer(exchange, isCreate);
      attempts.push({ retry, status: exchange.status, failure: verdict.failure });
      if (verdict.failure === undefined) return { outcome: 'accepted', attempts, answer: exchange.json };
      if (verdict.contentError !== undefined) {
        contentError = exchange.json;
        // Engage tries a content again unless the integration says the error is fatal.
        if (verdict.contentError.fatal) break;
      }
    }
    return contentError === undefined ? { outcome: 'failed', attempts } : { outcome: 'content_error', attempts, answer: contentError };
  }

  private expectSigned(exchange: EndpointExchange): void {
    if (exchange.status < 200 || exchange.status > 299) {
      throw new EngageEndpointCallError(exchange.action, `HTTP ${exchange.status} ${exchange.body.toString('utf8').slice(0, 200)}`, exchange.status);
    }
    if (!exchange.signatureValid) throw new EngageEndpointCallError(exchange.action, 'answer not signed over its bytes with the access token', exchange.status);
  }
}

/** Whether an answer to a retried call counts as done, as Engage reads it. */
function judgeAnswer(exchange: EndpointExchange, isCreate: boolean): { failure?: string; contentError?: { fatal: boolean } } {
  if (exchange.status < 200 || exchange.status > 299) return { failure: `HTTP ${exchange.status}` };
  if (!exchange.signatureValid) return { failure: 'answer not signed over its bytes' };
  const json = exchange.json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { failure: 'answer is not a JSON object' };
  const error = (json as { error?: unknown }).error;
  if (error !== undefined) {
    const fatal = (error as { fatal?: unknown } | null)?.fatal === true;
    return { failure: `error about the content${fatal ? ' (fatal)' : ''}`, contentError: { fatal } };
  }
  const id = (json as { id?: unknown }).id;
  if (isCreate && (typeof id !== 'string' || id === '')) return { failure: 'answer without the new id' };
  return {};
}
