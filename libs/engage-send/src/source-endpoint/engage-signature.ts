import { timingSafeEqual, type KeyObject } from 'node:crypto';
import { signBody } from '../signing/sign-body.js';

/** Name of the query parameter that carries the signature where headers can't be read. */
export const SIGNATURE_QUERY_PARAMETER = 'signature';

/** An HMAC-SHA512 in hex: 128 digits (either case; every producer writes lowercase). */
const HEX_SIGNATURE = /^[0-9a-fA-F]{128}$/;

/**
 * The signature of a call: the `X-SMCCSDK-SIGNATURE` header (`headerValue`)
 * when present, else the `signature` query parameter of `url`. `undefined`
 * when neither is given, or when either is repeated (ambiguous).
 */
export function signatureOf(headerValue: string | string[] | undefined, url: string | undefined): string | undefined {
  if (headerValue !== undefined) return typeof headerValue === 'string' ? headerValue : undefined;
  const queryAt = url?.indexOf('?') ?? -1;
  if (url === undefined || queryAt === -1) return undefined;
  const values = new URLSearchParams(url.slice(queryAt + 1)).getAll(SIGNATURE_QUERY_PARAMETER);
  return values.length === 1 ? values[0] : undefined;
}

/**
 * Whether `signature` is the HMAC-SHA512 of exactly `body` under `key`.
 * Compared as bytes, in constant time, on buffers of equal length; a value
 * that is not 128 hex digits is simply wrong (hex case is accepted either way:
 * it carries no secret).
 */
export function isEngageSignature(body: Uint8Array, signature: string | undefined, key: KeyObject): boolean {
  if (signature === undefined || !HEX_SIGNATURE.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(signBody(body, key), 'hex'));
}
