import { createHmac } from 'node:crypto';

/**
 * The `X-SMCCSDK-SIGNATURE` value for `body`: lowercase hex HMAC-SHA512 keyed
 * with the source's access token. A string is signed as its UTF-8 bytes; pass
 * the exact bytes you send, since re-serialising JSON changes them.
 */
export function signBody(body: string | Buffer, accessToken: string): string {
  return createHmac('sha512', accessToken).update(body).digest('hex');
}
