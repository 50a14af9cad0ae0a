import type { KeyObject } from 'node:crypto';
import type { InternalAxiosRequestConfig } from 'axios';
import { SIGNATURE_HEADER, signBody } from './sign-body.js';

/**
 * Axios request interceptor that signs the body exactly as it will be sent.
 *
 * It is registered first on the module's own axios instance; axios runs
 * request interceptors last-registered-first, so this one runs last, after any
 * interceptor a user adds, right before the bytes go out. The body must
 * already be serialised (string or bytes): signing an object would sign a
 * serialisation that axios might later produce differently, so that is
 * refused rather than guessed.
 */
export class SigningInterceptor {
  constructor(private readonly key: KeyObject) {}

  /** Bound, so it can be handed to `interceptors.request.use` as is. */
  readonly intercept = (config: InternalAxiosRequestConfig): InternalAxiosRequestConfig => {
    const { data } = config;
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
      throw new TypeError('engage-send signs serialised bodies only (string or Buffer); refusing to send an unsigned body');
    }
    config.headers.set(SIGNATURE_HEADER, signBody(data, this.key));
    return config;
  };
}
