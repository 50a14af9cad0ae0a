import type { KeyObject } from 'node:crypto';
import type { UnknownPropertiesMode } from '../validation/contract-checker.js';
import type { RetryPolicy } from '../reliability/retry-policy.js';
import type { TypingPacingMode } from '../reliability/typing-pacer.js';
import type { EngageTracingOptions } from '../tracing/send-tracer.js';

/**
 * The options after validation, in the form the send path uses: the endpoint
 * URL built once, the token turned into a signing key (the raw string is not
 * kept), defaults applied.
 */
export interface EngageSendConfig {
  /** Registration name, `undefined` for the default registration. */
  readonly name?: string;
  readonly sourceId: string;
  /** `{baseUrl}/realtime/sdk/{sourceId}`, source id URL-encoded. */
  readonly endpoint: string;
  /** HMAC-SHA512 key: a `KeyObject` never prints its bytes. */
  readonly signingKey: KeyObject;
  readonly timeoutMs: number;
  readonly unknownProperties: UnknownPropertiesMode;
  readonly sourceOptions: readonly string[];
  readonly retry: RetryPolicy;
  readonly maxInFlight: number;
  /** Pool size; `undefined` follows `maxInFlight`. */
  readonly connections?: number;
  readonly maxQueue: number;
  readonly shutdownGraceMs: number;
  readonly typingPacing: TypingPacingMode;
  /** Extra request headers, checked. */
  readonly headers: Readonly<Record<string, string>>;
  readonly tracing: Readonly<EngageTracingOptions>;
}
