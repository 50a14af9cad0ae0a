import { createSecretKey } from 'node:crypto';
import { isIP } from 'node:net';
import type { UnknownPropertiesMode } from '../validation/contract-checker.js';
import { RESERVED_HEADERS } from '../http/request-headers.js';
import { resolveRetryPolicy, retryOptionProblems } from '../reliability/retry-policy.js';
import type { TypingPacingMode } from '../reliability/typing-pacer.js';
import { EngageAccessToken } from './engage-access-token.js';
import type { EngageSendModuleOptions } from './engage-send-module-options.interface.js';
import { EngageSendOptionsError } from './engage-send-options.error.js';
import type { EngageSendConfig } from './engage-send-config.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_IN_FLIGHT = 64;
const DEFAULT_MAX_QUEUE = 1024;
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
const TYPING_PACING_MODES: readonly TypingPacingMode[] = ['coalesce', 'error', 'off'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const SOURCE_ID = /^[A-Za-z0-9_-]+$/;
const UNKNOWN_PROPERTIES_MODES: readonly UnknownPropertiesMode[] = ['reject', 'strip', 'forward'];
// A CR, LF or other control character in a value that ends up in a request line
// or header would let it inject HTTP; none of our options legitimately holds one.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function checkBaseUrl(value: unknown, allowInsecureHttp: boolean, problems: string[]): URL | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push('baseUrl is required, e.g. "https://yourdomain.engagement.dimelo.com"');
    return undefined;
  }
  if (CONTROL_CHARS.test(value)) {
    problems.push('baseUrl must not contain control characters (CR, LF, …)');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`baseUrl is not a valid absolute URL: "${value}"`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`baseUrl must use https:// (got "${url.protocol}")`);
  } else if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopback(url.hostname)) {
    problems.push(
      `baseUrl uses http:// to "${url.hostname}", which is not loopback: signed bodies would travel in clear text (use https://, or set allowInsecureHttp: true)`,
    );
  }
  if (url.username || url.password) problems.push('baseUrl must not contain credentials');
  if (url.search || url.hash) problems.push('baseUrl must not contain a query or fragment');
  return url;
}

/**
 * Validates module options and builds the send path's configuration.
 *
 * @throws EngageSendOptionsError listing every invalid option.
 */
export function resolveEngageSendConfig(options: EngageSendModuleOptions | undefined, name?: string): EngageSendConfig {
  const problems: string[] = [];
  if (options === null || typeof options !== 'object') {
    throw new EngageSendOptionsError(['options are required: { baseUrl, sourceId, accessToken }'], name);
  }
  const { sourceId, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const accessToken = options.accessToken instanceof EngageAccessToken ? options.accessToken.reveal() : options.accessToken;
  const unknownProperties = options.unknownProperties ?? 'forward';
  const url = checkBaseUrl(options.baseUrl, options.allowInsecureHttp === true, problems);

  if (typeof sourceId !== 'string' || sourceId === '') {
    problems.push('sourceId is required (the Engage id of the SDK source)');
  } else if (!SOURCE_ID.test(sourceId)) {
    problems.push(`sourceId may only contain letters, digits, "-" and "_" (got ${JSON.stringify(sourceId)})`);
  }
  // Never echo the token: say what is wrong with it, not what it is.
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    problems.push('accessToken is required (the source access token from Engage)');
  } else if (CONTROL_CHARS.test(accessToken)) {
    problems.push('accessToken must not contain control characters (CR, LF, …)');
  }
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    problems.push(`timeoutMs must be a positive integer of milliseconds (got ${String(timeoutMs)})`);
  }
  if (!UNKNOWN_PROPERTIES_MODES.includes(unknownProperties)) {
    problems.push(`unknownProperties must be one of ${UNKNOWN_PROPERTIES_MODES.join(', ')} (got ${String(unknownProperties)})`);
  }
  const sourceOptions = options.sourceOptions ?? [];
  if (!Array.isArray(sourceOptions) || sourceOptions.some((o) => typeof o !== 'string')) {
    problems.push('sourceOptions must be an array of Engage option names, e.g. ["threads.no_content"]');
  }
  const positiveInteger = (option: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      problems.push(`${option} must be a positive integer (got ${String(value)})`);
    }
  };
  const {
    maxInFlight = DEFAULT_MAX_IN_FLIGHT,
    maxQueue = DEFAULT_MAX_QUEUE,
    shutdownGraceMs = DEFAULT_SHUTDOWN_GRACE_MS,
    typingPacing = 'coalesce',
    headers = {},
  } = options;
  positiveInteger('maxInFlight', maxInFlight);
  if (options.connections !== undefined) positiveInteger('connections', options.connections);
  if (typeof maxQueue !== 'number' || !Number.isInteger(maxQueue) || maxQueue < 0) {
    problems.push(`maxQueue must be a non-negative integer (got ${String(maxQueue)})`);
  }
  positiveInteger('shutdownGraceMs', shutdownGraceMs);
  if (!TYPING_PACING_MODES.includes(typingPacing)) {
    problems.push(`typingPacing must be one of ${TYPING_PACING_MODES.join(', ')} (got ${String(typingPacing)})`);
  }
  problems.push(...retryOptionProblems(options.retry));
  problems.push(...headerProblems(headers));
  if (problems.length > 0 || !url) throw new EngageSendOptionsError(problems, name);

  const root = url.href.replace(/\/+$/, '');
  return Object.freeze({
    name,
    sourceId: sourceId,
    endpoint: `${root}/realtime/sdk/${encodeURIComponent(sourceId)}`,
    signingKey: createSecretKey(Buffer.from(accessToken, 'utf8')),
    timeoutMs,
    unknownProperties,
    sourceOptions: Object.freeze([...sourceOptions]),
    retry: resolveRetryPolicy(options.retry),
    maxInFlight,
    connections: options.connections,
    maxQueue,
    shutdownGraceMs,
    typingPacing,
    headers: Object.freeze({ ...headers }),
    tracing: Object.freeze({ ...options.tracing }),
  });
}

function headerProblems(headers: unknown): string[] {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return ['headers must be an object of name → value'];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) problems.push(`headers: ${JSON.stringify(name)} is not a valid header name`);
    else if (RESERVED_HEADERS.has(name.toLowerCase())) problems.push(`headers: ${name} is set by engage-send and cannot be overridden`);
    if (typeof value !== 'string') problems.push(`headers.${name} must be a string`);
    // CR/LF would let a value inject headers or split the request.
    else if (CONTROL_CHARS.test(value.replace(/\t/g, ''))) problems.push(`headers.${name} must not contain control characters (CR, LF, …)`);
  }
  return problems;
}
