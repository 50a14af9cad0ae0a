import { createHmac } from 'node:crypto';
import { Injectable, type INestApplication, type LoggerService, type ModuleMetadata, type Provider } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { request } from 'undici';
import {
  EngageContentError,
  EngageSendModule,
  OnEngageCall,
  type AgentMessage,
  type ContentIdCall,
  type CustomActionCall,
  type EngageCall,
  type EngageSendModuleOptions,
  type ListCall,
} from '../../src/index.js';
import { silentLogger } from '../support/silent-logger.js';

export const SOURCE_ID = 'src-endpoint';
export const TOKEN = 'tok-endpoint-5b1d9e-SECRET';

/** Both platforms, with a fresh adapter each time. */
export const PLATFORMS = [
  ['Express', () => new ExpressAdapter()],
  ['Fastify', () => new FastifyAdapter()],
] as const;

export type PlatformName = (typeof PLATFORMS)[number][0];

/** HMAC-SHA512 hex, computed here and not by the library: the independent check of signatures. */
export function hmacHex(body: string | Buffer, token = TOKEN): string {
  return createHmac('sha512', token).update(body).digest('hex');
}

/** The module options of a test registration, with an endpoint at `/engage`. */
export function endpointOptions(overrides: Partial<EngageSendModuleOptions> = {}): EngageSendModuleOptions {
  return {
    baseUrl: 'http://127.0.0.1:9',
    sourceId: SOURCE_ID,
    accessToken: TOKEN,
    endpoint: { path: '/engage' },
    ...overrides,
  };
}

/** Every call a {@link RecordingHandlers} ran. */
export interface SeenCall {
  readonly handler: string;
  readonly params: Record<string, unknown>;
  readonly call: EngageCall;
}

/**
 * Handlers for every kind of call, recording what they receive. `messages.create`
 * creates `reply-<n>`; `failNext` makes the next handler throw `failNext`.
 */
@Injectable()
export class RecordingHandlers {
  readonly seen: SeenCall[] = [];
  listAnswer: unknown = [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }];
  createAnswer: ((params: AgentMessage) => unknown) | undefined;
  failNext: unknown;
  private created = 0;

  private record(handler: string, params: object, call: EngageCall): void {
    this.seen.push({ handler, params: { ...params } as Record<string, unknown>, call });
    if (this.failNext !== undefined) {
      const failure = this.failNext;
      this.failNext = undefined;
      throw failure;
    }
  }

  @OnEngageCall('messages.create')
  create(params: AgentMessage, call: EngageCall) {
    this.record('create', params, call);
    if (this.createAnswer) return this.createAnswer(params) as { id: string };
    return { id: `reply-${++this.created}`, body: params.body };
  }

  @OnEngageCall('messages.list')
  async list(params: ListCall, call: EngageCall) {
    this.record('list', params, call);
    return this.listAnswer as { id: string }[];
  }

  @OnEngageCall('messages.show')
  show(params: ContentIdCall, call: EngageCall) {
    this.record('show', params, call);
    return { id: params.id, body: 'shown' };
  }

  @OnEngageCall('messages.delete')
  remove(params: ContentIdCall, call: EngageCall) {
    this.record('delete', params, call);
    return { id: params.id };
  }

  @OnEngageCall('messages.publish')
  @OnEngageCall('messages.unpublish')
  visibility(params: ContentIdCall, call: EngageCall) {
    this.record(call.action, params, call);
    return { id: params.id, published: call.operation === 'publish' };
  }

  @OnEngageCall('messages.follow_up')
  followUp(params: CustomActionCall, call: EngageCall) {
    this.record('follow_up', params, call);
    if (params.id === 'closed') throw new EngageContentError('Conversation closed', { fatal: true });
    return { id: params.id, followed_up_by: params.user_id };
  }
}

/** A listening Nest app on loopback (port 0) for `imports`/`providers`, on `platform`. */
export async function startApp(
  platform: (typeof PLATFORMS)[number][1],
  metadata: ModuleMetadata,
  logger: LoggerService = silentLogger,
): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule(metadata).setLogger(logger).compile();
  const app = moduleRef.createNestApplication(platform(), { logger });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url };
}

/** Module metadata of an app with one registration (`options`) and `providers`. */
export function appWith(options: EngageSendModuleOptions, ...providers: Provider[]): ModuleMetadata {
  return { imports: [EngageSendModule.forRoot(options)], providers };
}

/** What a raw POST got back. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly text: string;
}

/**
 * POSTs exactly `body` to `url`. `signature`: the header value (default: the
 * HMAC of `body`; `null` for none); `contentType`: the header (`null` for none).
 */
export async function post(
  url: string,
  body: string | Buffer,
  options: { signature?: string | null; contentType?: string | null; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  const signature = options.signature === undefined ? hmacHex(body) : options.signature;
  if (signature !== null) headers['x-smccsdk-signature'] = signature;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const answer = await request(url, { method: 'POST', headers, body });
  const bytes = Buffer.from(await answer.body.arrayBuffer());
  return { status: answer.statusCode, headers: answer.headers, body: bytes, text: bytes.toString('utf8') };
}

/** The answer's JSON, after checking its signature with an independent HMAC over the bytes received. */
export function signedJson(answer: RawAnswer, token = TOKEN): unknown {
  if (answer.headers['x-smccsdk-signature'] !== hmacHex(answer.body, token)) {
    throw new Error(`answer ${answer.status} is not signed over its bytes: ${answer.text.slice(0, 200)}`);
  }
  return JSON.parse(answer.text);
}
