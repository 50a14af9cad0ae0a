import { createHmac } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { HttpService } from '@nestjs/axios';
import { Test } from '@nestjs/testing';
import { AxiosError, type InternalAxiosRequestConfig } from 'axios';
import { EngageSendModule, EngageSendService, getEngageHttpServiceToken } from '../../src/index.js';
import { errorFromFailure } from '../../src/errors/error-from-answer.js';
import { EngageHttp, MAX_RESPONSE_BYTES } from '../../src/http/engage-http.js';
import type { EngageTransport } from '../../src/http/engage-transport.js';
import { ExchangeFailure } from '../../src/http/exchange.js';
import { resolveEngageSendConfig } from '../../src/options/resolve-config.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { until } from '../reliability/reliability-kit.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';
import { TcpObserver } from './support/tcp-observer.js';

type Path = 'direct' | 'axios';
const PATHS: Path[] = ['direct', 'axios'];

interface Registration {
  engageHttp: EngageHttp;
  http: HttpService;
  transport: EngageTransport;
}

const open: EngageHttp[] = [];

/** A registration's HTTP side, as the module builds it. */
function register(baseUrl: string, options: { connections?: number; maxInFlight?: number; timeoutMs?: number } = {}): Registration {
  const config = resolveEngageSendConfig({
    baseUrl,
    sourceId: SOURCE.id,
    accessToken: SOURCE.accessToken,
    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
  const engageHttp = new EngageHttp(config);
  open.push(engageHttp);
  return { engageHttp, http: engageHttp.service, transport: engageHttp.transport };
}

/** Makes sends take `path`: a pass-through interceptor of the app's sends them through axios. */
function onPath(registration: Registration, path: Path): Registration {
  if (path === 'axios') registration.http.axiosRef.interceptors.request.use((config) => config);
  expect(registration.transport.direct).toBe(path === 'direct');
  return registration;
}

const body = (overrides: Record<string, unknown> = {}): string => JSON.stringify({ action: 'messages.create', params: aMessage(overrides) });

const hmac = (bytes: Buffer): string => createHmac('sha512', SOURCE.accessToken).update(bytes).digest('hex');

/** The rejection of `promise`, which must reject: the direct path's ExchangeFailure, or axios' AxiosError wrapping one. */
async function failure(promise: Promise<unknown>, path: Path = 'direct'): Promise<ExchangeFailure | AxiosError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(path === 'direct' ? ExchangeFailure : AxiosError);
  return error as ExchangeFailure | AxiosError;
}

/** The failure behind what a path rejected with. */
function failureOf(error: ExchangeFailure | AxiosError): ExchangeFailure {
  const failure = error instanceof ExchangeFailure ? error : error.cause;
  expect(failure).toBeInstanceOf(ExchangeFailure);
  return failure as ExchangeFailure;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** How a send reports a transport failure: the one-step mapping, the same for both paths. */
function serviceError(error: unknown): { name: string; code: string; systemCode?: string } {
  const mapped = errorFromFailure(error, { action: 'messages.create', sourceId: SOURCE.id, attempts: 1, timeoutMs: 100, endpoint: 'http://engage.test' }) as { name: string; code: string; systemCode?: string };
  return { name: mapped.name, code: mapped.code, systemCode: mapped.systemCode };
}

let emulator: EngageEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => emulator.reset());
afterEach(async () => {
  for (const engageHttp of open.splice(0)) await engageHttp.destroy();
});

describe('the direct path (no interceptor of the user\'s, defaults untouched)', () => {
  it('signs and sends the exact bytes, without going through axios', async () => {
    const { transport } = register(emulator.baseUrl);
    const sent = body({ body: 'Crème brûlée 👩🏽‍💻' });
    const answer = await transport.post(sent, { timeoutMs: 5_000 });
    expect(answer).toMatchObject({ status: 200, text: 'ok' });
    expect(transport.stats).toEqual({ direct: 1, viaAxios: 0 });
    const [received] = emulator.requests;
    expect(received.rawBody.equals(Buffer.from(sent, 'utf8'))).toBe(true);
    expect(received.signature).toBe(hmac(received.rawBody));
  });

  it('puts the same request on the wire as the axios path', async () => {
    const direct = register(emulator.baseUrl);
    const viaAxios = onPath(register(emulator.baseUrl), 'axios');
    const sent = body();
    await direct.transport.post(sent, { timeoutMs: 5_000 });
    await viaAxios.transport.post(sent, { timeoutMs: 5_000 });
    expect(direct.transport.stats.direct).toBe(1);
    expect(viaAxios.transport.stats.viaAxios).toBe(1);
    const [a, b] = emulator.requests.map((r) => r.headers);
    const relevant = (h: Record<string, unknown>) => {
      const { host: _host, connection: _connection, ...rest } = h;
      return rest;
    };
    expect(relevant(a)).toEqual(relevant(b));
    expect(a).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      accept: 'text/plain, application/json',
      'user-agent': 'engage-send',
      'content-length': String(Buffer.byteLength(sent)),
    });
  });

  it('sends the registration\'s extra headers on both paths', async () => {
    const config = resolveEngageSendConfig({ baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, headers: { 'X-Tenant': 'acme' } });
    for (const path of PATHS) {
      const engageHttp = new EngageHttp(config);
      open.push(engageHttp);
      const registration = onPath({ engageHttp, http: engageHttp.service, transport: engageHttp.transport }, path);
      await registration.transport.post(body(), { timeoutMs: 5_000 });
    }
    expect(emulator.requests.map((r) => r.headers['x-tenant'])).toEqual(['acme', 'acme']);
  });
});

it.each(PATHS)('a send\'s own headers (trace context) go out on the %s path; it cannot replace the signature or the content type', async (path) => {
  const { transport } = onPath(register(emulator.baseUrl), path);
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  await transport.post(body(), {
    timeoutMs: 5_000,
    headers: { traceparent, 'X-SMCCSDK-SIGNATURE': 'forged', 'content-type': 'text/plain' },
  });
  const [received] = emulator.requests;
  expect(received.headers.traceparent).toBe(traceparent);
  expect(received.signature).toBe(hmac(received.rawBody));
  expect(received.headers['content-type']).toBe('application/json; charset=utf-8');
});

describe('the axios instance stays the extension point', () => {
  it('a request interceptor that edits the body runs, and the signature covers the body it produced', async () => {
    const registration = register(emulator.baseUrl);
    const id = registration.http.axiosRef.interceptors.request.use((config: InternalAxiosRequestConfig) => {
      const envelope = JSON.parse(config.data as string) as { params: { body: string } };
      envelope.params.body += ' (edited)';
      config.data = JSON.stringify(envelope);
      config.headers.set('X-Edited', 'yes');
      return config;
    });
    expect(registration.transport.direct).toBe(false);
    const answer = await registration.transport.post(body({ body: 'Hello' }), { timeoutMs: 5_000 });
    expect(answer).toMatchObject({ status: 200, text: 'ok' });
    const [received] = emulator.requests;
    expect(received.params.body).toBe('Hello (edited)');
    expect(received.headers['x-edited']).toBe('yes');
    expect(received.signature).toBe(hmac(received.rawBody));

    registration.http.axiosRef.interceptors.request.eject(id);
    expect(registration.transport.direct).toBe(true);
    await registration.transport.post(body(), { timeoutMs: 5_000 });
    expect(registration.transport.stats).toEqual({ direct: 1, viaAxios: 1 });
  });

  it('a response interceptor runs', async () => {
    const registration = register(emulator.baseUrl);
    const seen: number[] = [];
    registration.http.axiosRef.interceptors.response.use((response) => {
      seen.push(response.status);
      return response;
    });
    expect(registration.transport.direct).toBe(false);
    await expect(registration.transport.post(body(), { timeoutMs: 5_000 })).resolves.toMatchObject({ status: 200, text: 'ok' });
    expect(seen).toEqual([200]);
  });

  it('a changed default (a common header) takes the axios path, so the change applies', async () => {
    const registration = register(emulator.baseUrl);
    registration.http.axiosRef.defaults.headers.common['X-Trace'] = 'abc';
    expect(registration.transport.direct).toBe(false);
    await registration.transport.post(body(), { timeoutMs: 5_000 });
    expect(emulator.requests[0].headers['x-trace']).toBe('abc');
  });

  it('EngageSendService: a user interceptor registered through the module edits the body, and Engage accepts the signature', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, retry: false })],
    }).compile();
    try {
      const http = moduleRef.get<HttpService>(getEngageHttpServiceToken());
      http.axiosRef.interceptors.request.use((config: InternalAxiosRequestConfig) => {
        config.data = (config.data as string).replace('"Hello"', '"Hello from the interceptor"');
        return config;
      });
      await moduleRef.get(EngageSendService).messages.create(aMessage({ body: 'Hello' }) as never);
      const [received] = emulator.requests;
      expect(received.params.body).toBe('Hello from the interceptor');
      expect(received.signature).toBe(hmac(received.rawBody));
    } finally {
      await moduleRef.close();
    }
  });
});

describe.each(PATHS)('failures map the same way (%s path)', (path) => {
  it('no answer within the timeout: a timeout (ECONNABORTED through axios)', async () => {
    const { transport } = onPath(register(emulator.baseUrl), path);
    emulator.injectFaults({ delayMs: 2_000 });
    const error = await failure(transport.post(body(), { timeoutMs: 100 }), path);
    if (path === 'axios') expect((error as AxiosError).code).toBe(AxiosError.ECONNABORTED);
    expect(failureOf(error)).toMatchObject({ kind: 'timeout', written: true });
    expect(serviceError(error)).toEqual({ name: 'EngageTimeoutError', code: 'ENGAGE_TIMEOUT', systemCode: undefined });
  });

  it('the caller\'s signal aborts a send in flight (ERR_CANCELED through axios)', async () => {
    const { transport } = onPath(register(emulator.baseUrl), path);
    emulator.injectFaults({ delayMs: 2_000 });
    const controller = new AbortController();
    const pending = transport.post(body(), { timeoutMs: 5_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending, path);
    if (path === 'axios') expect((error as AxiosError).code).toBe(AxiosError.ERR_CANCELED);
    // The request was on its way: the typed error says Engage may have it.
    expect(failureOf(error)).toMatchObject({ kind: 'aborted', written: true });
    expect(serviceError(error).name).toBe('EngageAbortedError');
  });

  it('an already aborted signal: aborted, nothing sent', async () => {
    const { transport } = onPath(register(emulator.baseUrl), path);
    const error = await failure(transport.post(body(), { timeoutMs: 5_000, signal: AbortSignal.abort() }), path);
    // axios cancels it before its adapter runs; the direct path before dispatching.
    if (path === 'axios') expect((error as AxiosError).code).toBe(AxiosError.ERR_CANCELED);
    else expect(failureOf(error)).toMatchObject({ kind: 'aborted', written: false });
    expect(serviceError(error).name).toBe('EngageAbortedError');
    expect(emulator.received).toBe(0);
  });

  it.each([['before-read'], ['after-read']] as const)('a connection dropped %s: ECONNRESET', async (drop) => {
    const { transport } = onPath(register(emulator.baseUrl), path);
    emulator.injectFaults({ drop });
    const error = await failure(transport.post(body(), { timeoutMs: 5_000 }), path);
    if (path === 'axios') expect((error as AxiosError).code).toBe('ECONNRESET');
    expect(failureOf(error)).toMatchObject({ kind: 'connection', systemCode: 'ECONNRESET' });
    expect(serviceError(error)).toEqual({ name: 'EngageConnectionError', code: 'ENGAGE_CONNECTION', systemCode: 'ECONNRESET' });
  });

  it('a refused connection: ECONNREFUSED', async () => {
    const { transport } = onPath(register(`http://127.0.0.1:${await closedPort()}`), path);
    const error = await failure(transport.post(body(), { timeoutMs: 5_000 }), path);
    expect(failureOf(error)).toMatchObject({ kind: 'connection', systemCode: 'ECONNREFUSED' });
    expect(serviceError(error)).toEqual({ name: 'EngageConnectionError', code: 'ENGAGE_CONNECTION', systemCode: 'ECONNREFUSED' });
  });

  it('a redirect is answered, never followed', async () => {
    const { transport } = onPath(register(emulator.baseUrl), path);
    emulator.injectFaults({ status: 302, headers: { location: `${emulator.baseUrl}/realtime/sdk/${SOURCE.id}` } });
    const answer = await transport.post(body(), { timeoutMs: 5_000 });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(`${emulator.baseUrl}/realtime/sdk/${SOURCE.id}`);
    expect(emulator.received).toBe(1);
  });

  it(`an answer of ${MAX_RESPONSE_BYTES} bytes is read; one byte more is a bad response`, async () => {
    const { transport } = onPath(register(emulator.baseUrl), path);
    emulator.injectFaults({ status: 200, body: 'x'.repeat(MAX_RESPONSE_BYTES) });
    const answer = await transport.post(body(), { timeoutMs: 5_000 });
    expect(answer.text).toHaveLength(MAX_RESPONSE_BYTES);

    emulator.injectFaults({ status: 200, body: 'x'.repeat(MAX_RESPONSE_BYTES + 1) });
    const error = await failure(transport.post(body(), { timeoutMs: 5_000 }), path);
    if (path === 'axios') expect((error as AxiosError).code).toBe(AxiosError.ERR_BAD_RESPONSE);
    expect(failureOf(error).kind).toBe('bad-response');
    expect(serviceError(error)).toMatchObject({ name: 'EngageUnexpectedResponseError' });
  });

  it('a shared signal aborts exactly the sends still in flight, whichever finished before', async () => {
    const { transport } = onPath(register(emulator.baseUrl, { connections: 8 }), path);
    const shared = new AbortController();
    // Eight sends share the signal: the 1st, 4th and 8th to arrive are answered at once (so sends
    // leave the list of watchers from its ends and its middle), the other five are held until the abort.
    emulator.injectFaults((index) => ([0, 3, 7].includes(index) ? undefined : { delayMs: 5_000 }));
    let answered = 0;
    const sends = Array.from({ length: 8 }, () => {
      const pending = transport.post(body(), { timeoutMs: 10_000, signal: shared.signal });
      return pending.then(
        (answer) => {
          answered++;
          return answer.status;
        },
        (error: unknown) => failureOf(error as ExchangeFailure | AxiosError).kind,
      );
    });
    // Abort once the three answers have reached the client (the emulator records a send before its answer arrives).
    await until(() => answered === 3);
    shared.abort();
    const outcomes = await Promise.all(sends);
    expect(outcomes.filter((outcome) => outcome === 200)).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === 'aborted')).toHaveLength(5);
  });

  it('one abort listener per signal, however many sends share it (no MaxListeners warning)', async () => {
    const { transport } = onPath(register(emulator.baseUrl, { connections: 4 }), path);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const shared = new AbortController();
      const answers = await Promise.all(Array.from({ length: 24 }, () => transport.post(body(), { timeoutMs: 5_000, signal: shared.signal })));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe.each(PATHS)('connections (%s path)', (path) => {
  let observer: TcpObserver;
  let observedUrl: string;
  beforeAll(async () => {
    observer = new TcpObserver(new URL(emulator.baseUrl));
    observedUrl = await observer.start();
  });
  afterAll(async () => {
    await observer.stop();
  });
  beforeEach(() => observer.reset());

  it('are kept alive and reused', async () => {
    const { transport } = onPath(register(observedUrl), path);
    for (let i = 0; i < 10; i++) {
      await transport.post(body(), { timeoutMs: 5_000 });
      // undici hands a connection back to the pool one event-loop turn after its answer.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(emulator.requests).toHaveLength(10);
    expect(observer.opened).toBe(1);
  });

  it('back to back, a send may take a second connection while the first is handed back; no more', async () => {
    const { transport } = onPath(register(observedUrl), path);
    for (let i = 0; i < 20; i++) await transport.post(body(), { timeoutMs: 5_000 });
    expect(emulator.requests).toHaveLength(20);
    expect(observer.opened).toBeLessThanOrEqual(2);
  });

  it('never exceed the pool size (`connections`)', async () => {
    const { transport } = onPath(register(observedUrl, { connections: 2 }), path);
    emulator.injectFaults({ delayMs: 100 }, 8);
    const answers = await Promise.all(Array.from({ length: 8 }, () => transport.post(body(), { timeoutMs: 10_000 })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(observer.maxOpen).toBe(2);
    expect(observer.opened).toBe(2);
  });

  it('default to one per send in flight (`maxInFlight`)', async () => {
    const { transport } = onPath(register(observedUrl, { maxInFlight: 3 }), path);
    emulator.injectFaults({ delayMs: 100 }, 9);
    await Promise.all(Array.from({ length: 9 }, () => transport.post(body(), { timeoutMs: 10_000 })));
    expect(observer.maxOpen).toBe(3);
  });
});

describe('the registration\'s HttpService', () => {
  it('still answers as axios for requests of the user\'s own, to any origin', async () => {
    const observer = new TcpObserver(new URL(emulator.baseUrl));
    const elsewhere = await observer.start();
    try {
      const { http } = register(emulator.baseUrl);
      const response = await http.axiosRef.post(`${elsewhere}/not-engage`, '{}');
      expect(response.status).toBe(404);
      expect(response.data).toBe('Not found');
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(observer.opened).toBe(1);
    } finally {
      await observer.stop();
    }
  });

  it('refuses a body over maxBodyLength before sending anything', async () => {
    const { http } = register(emulator.baseUrl);
    const error = await failure(http.axiosRef.post(`${emulator.baseUrl}/realtime/sdk/${SOURCE.id}`, 'x'.repeat(64), { maxBodyLength: 16 }), 'axios');
    expect((error as AxiosError).code).toBe(AxiosError.ERR_BAD_REQUEST);
    expect(emulator.received).toBe(0);
  });

  it('close() lets a send in flight finish; afterwards sends fail as connection errors', async () => {
    const registration = register(emulator.baseUrl);
    emulator.injectFaults({ delayMs: 100 });
    const inFlight = registration.transport.post(body(), { timeoutMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await registration.engageHttp.close();
    await expect(inFlight).resolves.toMatchObject({ status: 200 });
    const error = await failure(registration.transport.post(body(), { timeoutMs: 5_000 }));
    expect(serviceError(error)).toMatchObject({ name: 'EngageConnectionError', systemCode: expect.stringMatching(/^UND_ERR_(CLOSED|DESTROYED)$/) });
  });

  it('destroy() ends sends in flight at once', async () => {
    const registration = register(emulator.baseUrl);
    emulator.injectFaults({ delayMs: 2_000 });
    const inFlight = registration.transport.post(body(), { timeoutMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    void registration.engageHttp.destroy();
    const error = await failure(inFlight);
    expect(serviceError(error).name).toBe('EngageConnectionError');
  });
});

describe('the choice of path follows the app\'s own changes to the instance, not a look at axios on each send', () => {
  it('clear() removes the app\'s interceptors but puts the signing one back: bodies are never sent unsigned', async () => {
    const registration = register(emulator.baseUrl);
    const { request } = registration.http.axiosRef.interceptors;
    request.use((config) => config);
    request.clear();
    expect(registration.transport.direct).toBe(true);
    request.use((config) => config);
    await registration.transport.post(body(), { timeoutMs: 5_000 });
    expect(registration.transport.stats.viaAxios).toBe(1);
    const [received] = emulator.requests;
    expect(received.signature).toBe(hmac(received.rawBody));
  });

  it('ejecting the signing interceptor is ignored', async () => {
    const registration = register(emulator.baseUrl);
    registration.http.axiosRef.interceptors.request.eject(0);
    registration.http.axiosRef.interceptors.request.use((config) => config);
    await registration.transport.post(body(), { timeoutMs: 5_000 });
    expect(emulator.requests[0].signature).toBe(hmac(emulator.requests[0].rawBody));
  });

  it('any write to the defaults, at any depth, takes the axios path', () => {
    const writes: ((http: HttpService) => void)[] = [
      (http) => (http.axiosRef.defaults.timeout = 1),
      (http) => (http.axiosRef.defaults.headers.post['X-A'] = 'a'),
      (http) => delete (http.axiosRef.defaults.headers as unknown as Record<string, unknown>)['Accept'],
      (http) => (http.axiosRef.defaults.transformRequest as unknown[]).push((data: unknown) => data),
    ];
    for (const write of writes) {
      const registration = register(emulator.baseUrl);
      expect(registration.transport.direct).toBe(true);
      write(registration.http);
      expect(registration.transport.direct).toBe(false);
    }
  });
});
