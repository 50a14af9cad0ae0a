import { timingSafeEqual, type KeyObject } from 'node:crypto';
import { signBody } from './sign-body.js';

/** An HMAC-SHA512 in hex: 128 digits. */
const HEX_SIGNATURE = /^[0-9a-fA-F]{128}$/;
const LOWERCASE_HEX_SIGNATURE = /^[0-9a-f]{128}$/;

/**
 * Whether `signature` is the HMAC-SHA512 of exactly `body` under `key`
 * (`signBody`), compared as bytes in constant time. A value that is not 128
 * hex digits — missing, repeated, cut, another encoding — is simply wrong,
 * never thrown on. `hexCase`: `'any'` where we receive Engage's signatures
 * (the case is unstated: refuse only what is certainly wrong), `'lower'` where
 * the emulator plays Engage (every producer writes lowercase: a client that
 * does not is caught before Engage has a chance to refuse it).
 */
export function verifySignature(body: string | Uint8Array, signature: string | string[] | undefined, key: KeyObject | string, hexCase: 'any' | 'lower'): boolean {
  if (typeof signature !== 'string' || !(hexCase === 'lower' ? LOWERCASE_HEX_SIGNATURE : HEX_SIGNATURE).test(signature)) return false;
  return timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(signBody(body, key), 'hex'));
}
