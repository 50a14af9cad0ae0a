import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { APP_FILTER, ModuleRef } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  EngageAuthorNotPuppetizableError,
  EngageBadRequestError,
  EngageConnectionError,
  EngageErrorCode,
  EngageInvalidActionError,
  EngageInvalidRequestFormatError,
  EngageInvalidResourceFormatError,
  EngageInvalidSignatureError,
  EngagePayloadTooLargeError,
  EngageRateLimitError,
  EngageSendErrorFilter,
  EngageSendModule,
  EngageSendService,
  EngageServerError,
  EngageSourceNotFoundError,
  EngageStructuredContentAttributeEmptyError,
  EngageStructuredContentTypeRequiredError,
  EngageStructuredContentTypeUnsupportedError,
  EngageStructuredContentUnsupportedError,
  EngageTimeoutError,
  EngageUnexpectedResponseError,
  EngageValidationError,
  getEngageSendServiceToken,
  type EngageAction,
  type EngageSendError,
  type EngageSendModuleOptions,
} from '../../src/index.js';
import type { EmulatorFault, EngageEmulator } from '../../src/testing/index.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';

const PLAIN = { id: 'src-plain', accessToken: 'tok-plain', options: ['messaging.typing_indicator'] };
const SELECT_ONLY = { id: 'src-select', accessToken: 'tok-select', structuredContentTypes: ['select'] };
const LIMITED = { id: 'src-limited', accessToken: 'tok-limited', actions: ['messages.create'] as EngageAction[] };

@Controller('send')
class SendController {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** Sends `{ action, params }` through the registration named in the path ("main" is the unnamed one). */
  @Post(':registration')
  send(@Param('registration') registration: string, @Body() body: { action: EngageAction; params: never }) {
    return serviceOf(this.moduleRef, registration).send(body.action, body.params);
  }
}

function serviceOf(moduleRef: ModuleRef, registration: string): EngageSendService {
  return moduleRef.get(getEngageSendServiceToken(registration === 'main' ? undefined : registration), { strict: false });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const structured = (structured_content: Record<string, unknown>, author: Record<string, unknown> = { id: 'bot', screenname: 'Bot', puppetizable: true }) =>
  aMessage({ structured_content, author, body: 'Pick one' });

interface Case {
  row: string;
  registration?: string;
  fault?: EmulatorFault;
  /** Runs before the provoking send (after the emulator is reset). */
  before?: (service: EngageSendService) => Promise<unknown>;
  action: EngageAction;
  params: Record<string, unknown>;
  error: abstract new (...args: never[]) => EngageSendError;
  code: string;
  http: number;
  engageStatus?: number;
  engageMessage?: string;
}

const CASES: Case[] = [
  // Engage's documented error table, row by row.
  { row: '400 Bad request', fault: { status: 400, body: 'Bad request' }, action: 'messages.create', params: aMessage(), error: EngageBadRequestError, code: EngageErrorCode.BAD_REQUEST, http: 502, engageStatus: 400, engageMessage: 'Bad request' },
  { row: '400 Invalid request format', fault: { status: 400, body: 'Invalid request format' }, action: 'messages.create', params: aMessage(), error: EngageInvalidRequestFormatError, code: EngageErrorCode.INVALID_REQUEST_FORMAT, http: 502, engageStatus: 400, engageMessage: 'Invalid request format' },
  { row: '413 Invalid request size', fault: { status: 413, body: 'Invalid request size (max: 20971520 bytes)' }, action: 'messages.create', params: aMessage(), error: EngagePayloadTooLargeError, code: EngageErrorCode.PAYLOAD_TOO_LARGE, http: 413, engageStatus: 413, engageMessage: 'Invalid request size (max: 20971520 bytes)' },
  { row: '422 Source not found', registration: 'ghost', action: 'messages.create', params: aMessage(), error: EngageSourceNotFoundError, code: EngageErrorCode.SOURCE_NOT_FOUND, http: 502, engageStatus: 422, engageMessage: 'Source not found' },
  { row: '422 Invalid signature', registration: 'wrong-token', action: 'messages.create', params: aMessage(), error: EngageInvalidSignatureError, code: EngageErrorCode.INVALID_SIGNATURE, http: 502, engageStatus: 422, engageMessage: 'Invalid signature' },
  { row: '422 Invalid action', registration: 'limited', action: 'status.mark_as_read', params: { id: 'msg-1' }, error: EngageInvalidActionError, code: EngageErrorCode.INVALID_ACTION, http: 502, engageStatus: 422, engageMessage: 'Invalid action' },
  { row: '422 Invalid resource format', fault: { status: 422, body: 'Invalid resource format' }, action: 'messages.create', params: aMessage(), error: EngageInvalidResourceFormatError, code: EngageErrorCode.INVALID_RESOURCE_FORMAT, http: 422, engageStatus: 422, engageMessage: 'Invalid resource format' },
  { row: "422 Source doesn't support structured contents", registration: 'plain', action: 'messages.create', params: structured({ type: 'select', items: [{ title: 'A' }] }), error: EngageStructuredContentUnsupportedError, code: EngageErrorCode.STRUCTURED_CONTENT_UNSUPPORTED, http: 422, engageStatus: 422, engageMessage: "Source doesn't support structured contents" },
  { row: '422 Type is required for structured contents', fault: { status: 422, body: 'Type is required for structured contents' }, action: 'messages.create', params: structured({ type: 'select', items: [{ title: 'A' }] }), error: EngageStructuredContentTypeRequiredError, code: EngageErrorCode.STRUCTURED_CONTENT_TYPE_REQUIRED, http: 422, engageStatus: 422, engageMessage: 'Type is required for structured contents' },
  { row: "422 Source doesn't support this type of structured content", registration: 'select-only', action: 'messages.create', params: structured({ type: 'rich_link', url: 'https://example.com', title: 'Example' }), error: EngageStructuredContentTypeUnsupportedError, code: EngageErrorCode.STRUCTURED_CONTENT_TYPE_UNSUPPORTED, http: 422, engageStatus: 422, engageMessage: "Source doesn't support this type of structured content" },
  { row: '422 structured_content: "attribute_name" must not be empty', fault: { status: 422, body: 'structured_content: "items" must not be empty' }, action: 'messages.create', params: structured({ type: 'select', items: [{ title: 'A' }] }), error: EngageStructuredContentAttributeEmptyError, code: EngageErrorCode.STRUCTURED_CONTENT_ATTRIBUTE_EMPTY, http: 422, engageStatus: 422, engageMessage: 'structured_content: "items" must not be empty' },
  { row: '422 The author must be puppetizable', action: 'messages.create', params: structured({ type: 'select', items: [{ title: 'A' }] }, { id: 'human-1', screenname: 'Human' }), error: EngageAuthorNotPuppetizableError, code: EngageErrorCode.AUTHOR_NOT_PUPPETIZABLE, http: 422, engageStatus: 422, engageMessage: 'The author must be puppetizable' },
  { row: '429 too many typing requests', before: (s) => s.typing.start({ thread_id: 'rl-thread', preview: 'a' }), action: 'typing.start', params: { thread_id: 'rl-thread', preview: 'ab' }, error: EngageRateLimitError, code: EngageErrorCode.RATE_LIMITED, http: 429, engageStatus: 429, engageMessage: 'too many typing requests, please try again in a few seconds' },
  // What the table does not list, but a real integration meets.
  { row: '429 with Retry-After', fault: { status: 429, body: 'too many typing requests, please try again in a few seconds', headers: { 'retry-after': '7' } }, action: 'typing.start', params: { thread_id: 't', preview: 'p' }, error: EngageRateLimitError, code: EngageErrorCode.RATE_LIMITED, http: 429, engageStatus: 429 },
  { row: '503 from Engage', fault: { status: 503, body: 'upstream down' }, action: 'messages.create', params: aMessage(), error: EngageServerError, code: EngageErrorCode.SERVER_ERROR, http: 502, engageStatus: 503, engageMessage: 'upstream down' },
  { row: 'a redirect (never followed)', fault: { status: 307, headers: { location: 'http://127.0.0.1:9/elsewhere' } }, action: 'messages.create', params: aMessage(), error: EngageUnexpectedResponseError, code: EngageErrorCode.UNEXPECTED_RESPONSE, http: 502, engageStatus: 307 },
  { row: 'a timeout', registration: 'fast', fault: { delayMs: 1_500 }, action: 'messages.create', params: aMessage(), error: EngageTimeoutError, code: EngageErrorCode.TIMEOUT, http: 504 },
  { row: 'a dropped connection', fault: { drop: 'before-read' }, action: 'messages.create', params: aMessage(), error: EngageConnectionError, code: EngageErrorCode.CONNECTION, http: 503 },
  { row: 'a refused connection', registration: 'nowhere', action: 'messages.create', params: aMessage(), error: EngageConnectionError, code: EngageErrorCode.CONNECTION, http: 503 },
];

describe('every documented Engage error, provoked for real, as its own typed error and HTTP answer', () => {
  let emulator: EngageEmulator;
  let app: NestExpressApplication;
  let moduleRef: ModuleRef;

  beforeAll(async () => {
    emulator = await startEmulator(PLAIN, SELECT_ONLY, LIMITED);
    // One attempt, no client-side typing pacing: each answer reaches the caller as Engage gave it
    // (retries and pacing have their own suites).
    const base: EngageSendModuleOptions = {
      baseUrl: emulator.baseUrl,
      sourceId: SOURCE.id,
      accessToken: SOURCE.accessToken,
      retry: false,
      typingPacing: 'off',
    };
    const testingModule = await Test.createTestingModule({
      imports: [
        EngageSendModule.forRoot(base),
        EngageSendModule.forRoot({ ...base, name: 'ghost', sourceId: 'no-such-source' }),
        EngageSendModule.forRoot({ ...base, name: 'wrong-token', accessToken: 'not-the-token' }),
        EngageSendModule.forRoot({ ...base, name: 'limited', sourceId: LIMITED.id, accessToken: LIMITED.accessToken }),
        EngageSendModule.forRoot({ ...base, name: 'plain', sourceId: PLAIN.id, accessToken: PLAIN.accessToken }),
        EngageSendModule.forRoot({ ...base, name: 'select-only', sourceId: SELECT_ONLY.id, accessToken: SELECT_ONLY.accessToken }),
        EngageSendModule.forRoot({ ...base, name: 'fast', timeoutMs: 300 }),
        EngageSendModule.forRoot({ ...base, name: 'nowhere', baseUrl: `http://127.0.0.1:${await closedPort()}` }),
      ],
      controllers: [SendController],
      providers: [{ provide: APP_FILTER, useClass: EngageSendErrorFilter }],
    }).compile();
    app = testingModule.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    app.useBodyParser('json', { limit: '30mb' });
    await app.init();
    moduleRef = app.get(ModuleRef);
  });
  afterAll(async () => {
    await app.close();
    await emulator.stop();
  });

  async function arrange(c: Case): Promise<void> {
    emulator.reset();
    if (c.before) await c.before(serviceOf(moduleRef, 'main'));
    if (c.fault) emulator.injectFaults(c.fault, 1);
  }

  it.each(CASES.map((c) => [c.row, c] as const))('%s', async (_row, c) => {
    const registration = c.registration ?? 'main';

    await arrange(c);
    const error = await serviceOf(moduleRef, registration)
      .send(c.action, c.params as never)
      .then(() => undefined, (e: unknown) => e as EngageSendError);
    expect(error).toBeInstanceOf(c.error);
    expect(error?.code).toBe(c.code);
    expect(error?.status).toBe(c.engageStatus);
    if (c.engageMessage) expect(error?.engageMessage).toBe(c.engageMessage);
    expect(error?.action).toBe(c.action);

    await arrange(c);
    const answer = await request(app.getHttpServer()).post(`/send/${registration}`).send({ action: c.action, params: c.params });
    expect(answer.status).toBe(c.http);
    expect(answer.body).toMatchObject({ statusCode: c.http, code: c.code, action: c.action });
    if (c.engageStatus !== undefined) expect(answer.body.engage.status).toBe(c.engageStatus);
    if (c.engageMessage) expect(answer.body.engage.message).toBe(c.engageMessage);
  });

  it('a redirect is not followed: the emulator sees one request', async () => {
    emulator.reset();
    emulator.injectFaults({ status: 302, headers: { location: `${emulator.baseUrl}/realtime/sdk/${SOURCE.id}` } }, 1);
    await expect(serviceOf(moduleRef, 'main').messages.create(aMessage() as never)).rejects.toBeInstanceOf(EngageUnexpectedResponseError);
    expect(emulator.received).toBe(1);
    expect(emulator.requests).toHaveLength(0);
  });

  it('rate limiting answers 429 with Retry-After (Engage\'s own, or the documented 2 s window)', async () => {
    await arrange(CASES.find((c) => c.row === '429 with Retry-After')!);
    const withHeader = await request(app.getHttpServer()).post('/send/main').send({ action: 'typing.start', params: { thread_id: 't', preview: 'p' } });
    expect(withHeader.headers['retry-after']).toBe('7');
    expect(withHeader.body.retryAfterSeconds).toBe(7);

    await arrange(CASES.find((c) => c.row === '429 too many typing requests')!);
    const documented = await request(app.getHttpServer()).post('/send/main').send({ action: 'typing.start', params: { thread_id: 'rl-thread', preview: 'ab' } });
    expect(documented.headers['retry-after']).toBe('2');
  });

  it('a validation error answers 400 with the failing fields, and nothing is sent', async () => {
    emulator.reset();
    const answer = await request(app.getHttpServer())
      .post('/send/main')
      .send({ action: 'messages.create', params: aMessage({ author: { screenname: 'No id' } }) });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(EngageErrorCode.VALIDATION);
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain('params.author.id');
    expect(emulator.received).toBe(0);
    await expect(serviceOf(moduleRef, 'main').send('messages.create', aMessage({ thread_id: 42 }) as never)).rejects.toBeInstanceOf(EngageValidationError);
  });

  it('an unknown action is a validation error naming `action`', async () => {
    emulator.reset();
    const answer = await request(app.getHttpServer()).post('/send/main').send({ action: 'messages.delete', params: { id: '1' } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'action' })]);
    expect(emulator.received).toBe(0);
  });

  it('a body over 20 MiB is refused locally with 413, nothing sent', async () => {
    emulator.reset();
    const content = 'A'.repeat(21 * 1024 * 1024);
    const answer = await request(app.getHttpServer())
      .post('/send/main')
      .send({ action: 'messages.create', params: aMessage({ body: undefined, attachments: [{ content, filename: 'big.bin' }] }) });
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe(EngageErrorCode.PAYLOAD_TOO_LARGE);
    expect(answer.body.engage).toBeUndefined();
    expect(emulator.received).toBe(0);
  });
});
