import { isIP } from 'node:net';

/*
 * String formats some fields must have. Each check is linear in the string's
 * length (no backtracking patterns), since values may be megabytes long.
 */

/** Link schemes refused everywhere: they run code or read local files in the agent's or customer's client. */
const UNSAFE_LINK_PROTOCOLS: ReadonlySet<string> = new Set(['javascript:', 'data:', 'vbscript:', 'file:']);

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
}

/**
 * A plain absolute http(s) URL, which the URL parser always accepts: the
 * scheme, then dot-separated labels of letters, digits and hyphens (the last
 * starting with a letter, so never an IP number; no `xn--` label, whose
 * punycode could be invalid), then an optional path, query or fragment of
 * printable ASCII. Most URLs are accepted on this test alone: a parse costs
 * about 0.25 µs, and a carousel carries a dozen URLs. Anything else is parsed.
 */
export const PLAIN_HTTP_URL = /^https?:\/\/(?:(?![Xx][Nn]--)[A-Za-z0-9-]+\.)*(?![Xx][Nn]--)[A-Za-z][A-Za-z0-9-]*(?:[/?#][\x21-\x7e]*)?$/;

/** An absolute http(s) URL: for files Engage downloads (attachments, pictures). */
export function isHttpUrl(value: string): boolean {
  if (PLAIN_HTTP_URL.test(value)) return true;
  const protocol = protocolOf(value);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * An absolute URL people open: http(s), or an app scheme such as the docs' own
 * `github://…` (spec, "Where the docs disagree" 2); never `javascript:`, `data:`,
 * `vbscript:`, `file:`. Parsed as browsers do, so `java\tscript:` is caught.
 */
export function isLinkUrl(value: string): boolean {
  if (PLAIN_HTTP_URL.test(value)) return true;
  const protocol = protocolOf(value);
  return protocol !== undefined && !UNSAFE_LINK_PROTOCOLS.has(protocol);
}

/** Base64 as files are really sent: standard or URL-safe alphabet, padded or not, MIME line breaks allowed. */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const WHITESPACE = /\s+/g;

/** Whether `value` is base64 (see {@link BASE64}); whitespace is ignored, as MIME decoders do. */
export function isBase64(value: string): boolean {
  const data = value.includes('\n') || value.includes(' ') || value.includes('\r') ? value.replace(WHITESPACE, '') : value;
  if (!BASE64.test(data)) return false;
  const padded = data.endsWith('=');
  return padded ? data.length % 4 === 0 : data.length % 4 !== 1;
}

/** An IPv4 or IPv6 address. */
export function isIpAddress(value: string): boolean {
  return isIP(value) !== 0;
}

/** Context data keys: letters and hyphens only (Objects page). */
const CONTEXT_DATA_KEY = /^[a-zA-Z-]+$/;

/** Whether `key` may name a context data entry. */
export function isContextDataKey(key: string): boolean {
  return CONTEXT_DATA_KEY.test(key);
}

/** The formats a string field can have, by name, with the rule name a failure is reported under. */
export const VALUE_FORMATS = {
  'http-url': { check: isHttpUrl, rule: 'isHttpUrl', expected: 'an absolute http or https URL (Engage downloads it)' },
  'link-url': { check: isLinkUrl, rule: 'isLinkUrl', expected: 'an absolute URL (http, https or an app scheme; not javascript:, data:, vbscript: or file:)' },
  base64: { check: isBase64, rule: 'isBase64', expected: 'base64 (standard or URL-safe; padding and line breaks optional)' },
  ip: { check: isIpAddress, rule: 'isIp', expected: 'an IPv4 or IPv6 address' },
} as const;

/** A string format name. */
export type ValueFormat = keyof typeof VALUE_FORMATS;
