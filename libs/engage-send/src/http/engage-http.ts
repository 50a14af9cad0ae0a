import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { Agent, EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import { MAX_BODY_BYTES } from '../contract/index.js';
import type { EngageSendConfig } from '../options/engage-send-config.js';
import { SigningInterceptor } from '../signing/signing.interceptor.js';
import { AxiosCustomisation } from './axios-customisation.js';
import { EngageTransport } from './engage-transport.js';
import { ENGAGE_REQUEST_HEADERS } from './request-headers.js';
import { createUndiciAdapter } from './undici-adapter.js';

/** Engage answers `ok` or a one-line message: anything longer than this is not Engage. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** Keep-alive connections per registration to Engage's origin when neither `connections` nor `maxInFlight` says. */
export const DEFAULT_CONNECTIONS = 64;

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

/**
 * The HTTP side of one registration: its keep-alive pool, its own axios
 * instance behind the `HttpService` the app may inject (with the signing
 * interceptor), and the {@link EngageTransport} sends go through.
 *
 * The axios instance is the registration's own, never one the app shares: the
 * signing interceptor and these settings must not leak onto another instance
 * (nor another source's key onto this one). It is built here rather than by
 * importing `HttpModule.register()`, because Nest de-duplicates identical
 * dynamic-module imports: two named registrations would share one instance.
 */
export class EngageHttp {
  /** The registration's `HttpService` (inject it with `getEngageHttpServiceToken(name)`). */
  readonly service: HttpService;
  readonly transport: EngageTransport;
  private readonly dispatchers: RegistrationDispatchers;

  constructor(config: EngageSendConfig) {
    const connections = config.connections ?? config.maxInFlight ?? DEFAULT_CONNECTIONS;
    if (!Number.isInteger(connections) || connections < 1) throw new RangeError(`connections must be a positive integer (got ${String(connections)})`);
    const endpoint = new URL(config.endpoint);
    this.dispatchers = new RegistrationDispatchers(endpoint.origin, connections);
    // The app's extra headers (checked by the options), then ours, which they cannot override.
    const headers: Record<string, string> = { ...config.headers, ...ENGAGE_REQUEST_HEADERS };
    const instance = axios.create({
      adapter: createUndiciAdapter({ dispatcherFor: this.dispatchers.for }),
      timeout: config.timeoutMs,
      // A signed body must never be replayed to another host (the adapter follows no redirect at all).
      maxRedirects: 0,
      maxBodyLength: MAX_BODY_BYTES,
      maxContentLength: MAX_RESPONSE_BYTES,
      responseType: 'text',
      // The body is serialised once and signed as it is: axios must send it untouched.
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      // Every status is an answer to classify, not an exception to unwrap.
      validateStatus: () => true,
      headers: { ...headers },
    });
    // Registered first, so it runs last: after any interceptor of the app's, on the final body.
    const signer = new SigningInterceptor(config.signingKey).intercept;
    const signingId = instance.interceptors.request.use(signer, undefined, { synchronous: true });
    this.service = new HttpService(instance);
    this.transport = new EngageTransport({
      instance,
      customisation: new AxiosCustomisation(instance, signingId, signer),
      dispatcher: this.dispatchers.engage,
      endpoint,
      headers,
      signingKey: config.signingKey,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
  }

  /** Lets sends in flight finish, then closes the keep-alive sockets. */
  close(): Promise<void> {
    return this.dispatchers.close();
  }

  /** Closes the keep-alive sockets at once; sends in flight fail. */
  destroy(): Promise<void> {
    return this.dispatchers.destroy().catch(() => undefined);
  }
}
