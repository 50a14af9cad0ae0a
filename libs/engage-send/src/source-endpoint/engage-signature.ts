/** Name of the query parameter that carries the signature where headers can't be read. */
export const SIGNATURE_QUERY_PARAMETER = 'signature';

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
