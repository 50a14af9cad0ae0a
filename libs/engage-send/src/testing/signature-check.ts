import { timingSafeEqual } from 'node:crypto';

import { signBody } from '../signing/sign-body.js';

/**
 * Whether `header` is the signature of `rawBody` under `accessToken`.
 * Compared in constant time so the emulator does not teach clients a habit
 * (or a test a timing oracle) that the real service would punish; malformed
 * headers (wrong length, non-hex, repeated) are simply wrong, never thrown on.
 */
export function isValidSignature(rawBody: Buffer, header: string | string[] | undefined, accessToken: string): boolean {
  if (typeof header !== 'string') return false;
  // Engage sends and expects lowercase hex; an uppercase digest is a different string.
  const expected = Buffer.from(signBody(rawBody, accessToken), 'latin1');
  const given = Buffer.from(header, 'utf8');
  if (given.length !== expected.length) {
    // timingSafeEqual throws on different lengths; still spend the comparison's time.
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}
