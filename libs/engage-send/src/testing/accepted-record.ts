import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import type { RecordedRequest } from './emulator-records.js';
import { estimateRetainedBytes, stringBytes } from './retained-size.js';

/** Bytes of a record's own object and small fields, rounded up. */
const RECORD_OVERHEAD = 256;
const EMPTY_BODY = Buffer.alloc(0);
/** What a record of a body that was not kept retains of its `params`. */
const SUMMARY = { maxValues: 64, maxKeyChars: 64, maxStringChars: 256 } as const;

/** An accepted Send API request, as the emulator read it. */
export interface AcceptedRequestInput {
  readonly sourceId: string;
  readonly action: string;
  readonly params: Record<string, unknown>;
  readonly body: Buffer;
  readonly headers: IncomingHttpHeaders;
  readonly receivedAt: number;
}

/**
 * The record of an accepted request and the bytes it keeps alive. A body up
 * to `maxKeptBodyBytes` is kept whole; a larger one only by its size, its
 * SHA-256 and the short top-level values of its params, so a stream of large
 * sends costs the emulator almost nothing.
 */
export function buildAcceptedRecord(input: AcceptedRequestInput, maxKeptBodyBytes: number): { record: RecordedRequest; bytes: number } {
  const { body, headers } = input;
  const kept = body.length <= maxKeptBodyBytes;
  const params = kept ? input.params : shortTopLevelValues(input.params);
  const signature = String(headers['x-smccsdk-signature']);
  const record: RecordedRequest = {
    sourceId: input.sourceId,
    action: input.action,
    params,
    rawBody: kept ? body : EMPTY_BODY,
    bodyBytes: body.length,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    bodyKept: kept,
    signature,
    headers,
    receivedAt: input.receivedAt,
  };
  const bytes = RECORD_OVERHEAD + (kept ? body.length : 0) + estimateRetainedBytes(params) + estimateRetainedBytes(headers) + stringBytes(signature);
  return { record, bytes };
}

/** The entries of `params` worth keeping without the body: ids, `thread_id`, flags, short texts. */
function shortTopLevelValues(params: Record<string, unknown>): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  let count = 0;
  for (const key of Object.keys(params)) {
    if (count === SUMMARY.maxValues) break;
    const value = params[key];
    const short =
      typeof value === 'string' ? value.length <= SUMMARY.maxStringChars : typeof value === 'number' || typeof value === 'boolean' || value === null;
    if (!short || key.length > SUMMARY.maxKeyChars) continue;
    // defineProperty, not assignment: a `__proto__` key must stay a plain property.
    Object.defineProperty(summary, key, { value, enumerable: true, writable: true, configurable: true });
    count += 1;
  }
  return summary;
}
