/** The request headers a send carries besides the signature and the length; the app's `headers` option comes before them. */
export const ENGAGE_REQUEST_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  Accept: 'text/plain, application/json',
});

/** Sent when nobody set a `User-Agent` (axios' own adapter sends `axios/<version>`). */
export const ENGAGE_USER_AGENT = 'engage-send';

/** Headers the library owns: neither the `headers` option nor a send's own headers may set them (they would break or forge the signed request). */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set(['x-smccsdk-signature', 'content-type', 'content-length', 'host', 'transfer-encoding', 'connection']);
