import { createHmac, type KeyObject } from 'node:crypto';

/** Name of the header carrying the body signature (HTTP headers are case-insensitive). */
export const SIGNATURE_HEADER = 'X-SMCCSDK-SIGNATURE';

/**
 * Lowercase hex HMAC-SHA512 of `body`, keyed with the source's access token
 * (a `KeyObject`, as the module keeps it, or the token itself). A string is
 * signed as its UTF-8 bytes: the same bytes the transport sends. Every path
 * that signs — sends, the emulator, the source endpoint — calls this one.
 */
export function signBody(body: string | Uint8Array, key: KeyObject | string): string {
  return createHmac('sha512', key).update(body).digest('hex');
}
