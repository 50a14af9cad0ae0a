import { createHmac, type KeyObject } from 'node:crypto';
import { BODY_SLICE_UNITS, textSlices } from '../body/text-slices.js';

/** Name of the header carrying the body signature (HTTP headers are case-insensitive). */
export const SIGNATURE_HEADER = 'X-SMCCSDK-SIGNATURE';

/**
 * Lowercase hex HMAC-SHA512 of `body`, keyed with the source's access token
 * (a `KeyObject`, as the module keeps it, or the token itself). A string is
 * signed as its UTF-8 bytes: the same bytes the transport sends; a long text,
 * or one given in pieces, slice by slice, without a whole copy of its bytes.
 * Every path that signs — sends, the emulator, the source endpoint — calls
 * this one.
 */
export function signBody(body: string | Uint8Array | Iterable<string>, key: KeyObject | string): string {
  const hmac = createHmac('sha512', key);
  if (typeof body === 'string') {
    if (body.length <= BODY_SLICE_UNITS) hmac.update(body, 'utf8');
    else for (const slice of textSlices(body)) hmac.update(slice, 'utf8');
  } else if (body instanceof Uint8Array) {
    hmac.update(body);
  } else {
    for (const piece of body) hmac.update(piece, 'utf8');
  }
  return hmac.digest('hex');
}
