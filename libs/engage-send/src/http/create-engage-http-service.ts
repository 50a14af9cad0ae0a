import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { Agent, EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import { MAX_BODY_BYTES } from '../contract/index.js';
import type { EngageSendConfig } from '../options/resolved-config.js';
import { SigningInterceptor } from '../signing/signing.interceptor.js';
import { ENGAGE_REQUEST_HEADERS, EngageTransport } from './engage-transport.js';
import { createUndiciAdapter } from './undici-adapter.js';

/** Engage answers `ok` or a one-line message: anything longer than this is not Engage. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** Keep-alive connections per registration to Engage's origin when neither `connections` nor `maxInFlight` says. */
export const DEFAULT_CONNECTIONS = 64;

/** What the HTTP layer reads from a registration's configuration. */
export type EngageHttpConfig = EngageSendConfig & {
  /**
   * Keep-alive connections to Engage's origin (the pool size). Default:
   * `maxInFlight` (one connection per send in flight), else {@link DEFAULT_CONNECTIONS}.
   */
  readonly connections?: number;
};

/** The undici dispatchers of one registration: Engage's pool, and one for any other origin, made on demand. */
class RegistrationDispatchers {
  readonly engage: Dispatcher;
  private other: Dispatcher | undefined;

  constructor(
    private readonly engageOrigin: string,
    private readonly connections: number,
  ) {
    // As axios' own adapter did, honour HTTP(S)_PROXY / NO_PROXY when set.
    this.engage = proxyConfigured() ? new EnvHttpProxyAgent({ connections }) : new Pool(engageOrigin, { connections });
  }

  readonly for = (origin: string): Dispatcher => {
    if (origin === this.engageOrigin) return this.engage;
    this.other ??= proxyConfigured() ? new EnvHttpProxyAgent({ connections: this.connections }) : new Agent({ connections: this.connections });
    return this.other;
  };

  async close(): Promise<void> {
    await Promise.all([this.engage.close(), this.other?.close()]);
  }

  async destroy(): Promise<void> {
    await Promise.all([this.engage.destroy(), this.other?.destroy()]);
  }
}

function proxyConfigured(): boolean {
  const env = process.env;
  return Boolean(env['HTTPS_PROXY'] || env['https_proxy'] || env['HTTP_PROXY'] || env['http_proxy']);
}

interface Registration {
  readonly transport: EngageTransport;
  readonly dispatchers: RegistrationDispatchers | undefined;
}

const registrations = new WeakMap<HttpService, Registration>();

/**
 * Builds the `HttpService` of one registration, on an axios instance of its
 * own: the signing interceptor and the settings below must never leak onto
 * an instance the app shares (nor another source's token onto this one).
 *
 * We build the instance here rather than importing `HttpModule.register()`,
 * because Nest de-duplicates identical dynamic-module imports: two named
 * registrations would silently share one instance, and one signing key.
 *
 * The bytes move through an undici keep-alive pool of `connections`
 * connections (see {@link createUndiciAdapter}); {@link engageTransportOf}
 * gives the registration's {@link EngageTransport}, which skips axios'
 * pipeline while nobody has added interceptors or changed defaults.
 */
export function createEngageHttpService(config: EngageHttpConfig): HttpService {
  const connections = config.connections ?? config.maxInFlight ?? DEFAULT_CONNECTIONS;
  if (!Number.isInteger(connections) || connections < 1) {
    throw new RangeError(`connections must be a positive integer (got ${String(connections)})`);
  }
  const dispatchers = new RegistrationDispatchers(new URL(config.endpoint).origin, connections);
  // The user's extra headers (checked by the options), then ours, which they cannot override.
  const headers: Record<string, string> = { ...config.headers, ...ENGAGE_REQUEST_HEADERS };
  const instance = axios.create({
    adapter: createUndiciAdapter({ dispatcherFor: dispatchers.for }),
    timeout: config.timeoutMs,
    // A signed body must never be replayed to another host (the adapter follows no redirect at all).
    maxRedirects: 0,
    maxBodyLength: MAX_BODY_BYTES,
    maxContentLength: MAX_RESPONSE_BYTES,
    responseType: 'text',
    // The service serialises once and signs that string; axios must send it untouched.
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    // Every status is an answer to classify, not an exception to unwrap.
    validateStatus: () => true,
    headers: { ...headers },
  });
  const signer = new SigningInterceptor(config.signingKey).intercept;
  instance.interceptors.request.use(signer, undefined, { synchronous: true });
  const http = new HttpService(instance);
  const transport = new EngageTransport(instance, config.endpoint, {
    dispatcher: dispatchers.engage,
    headers,
    signingKey: config.signingKey,
    signer,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  });
  registrations.set(http, { transport, dispatchers });
  return http;
}

/**
 * The {@link EngageTransport} of a registration's `HttpService`. An
 * `HttpService` this module did not build (say, a test's override) gets a
 * transport that always sends through its axios instance, to `endpoint`.
 */
export function engageTransportOf(http: HttpService, endpoint: string): EngageTransport {
  let registration = registrations.get(http);
  if (registration === undefined) {
    registration = { transport: new EngageTransport(http.axiosRef, endpoint), dispatchers: undefined };
    registrations.set(http, registration);
  }
  return registration.transport;
}

/** Closes the keep-alive sockets of a registration's HTTP service at once; sends in flight fail. */
export function destroyEngageHttpService(http: HttpService): void {
  registrations.get(http)?.dispatchers?.destroy().catch(() => undefined);
}

/** Lets sends in flight finish, then closes the registration's keep-alive sockets. */
export async function closeEngageHttpService(http: HttpService): Promise<void> {
  await registrations.get(http)?.dispatchers?.close();
}
