import { STATUS_CODES, type ServerResponse } from 'node:http';

/** Longest piece of a request quoted back in a refusal: enough to recognise it, never an amplifier. */
const MAX_QUOTED_CHARS = 100;

/** `value` cut at {@link MAX_QUOTED_CHARS}. */
export function clipped(value: string): string {
  return value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS)}…` : value;
}

/** `value` for an error message: clipped, JSON-quoted (no control characters). */
export function quoted(value: string): string {
  return JSON.stringify(clipped(value));
}

/**
 * Answers a request refused before its body was read, in the shape of Nest's
 * own error answers (`statusCode`, `error`, `message`) plus a `code`. The
 * connection is closed after the answer: keeping it would mean reading, and
 * throwing away, whatever body the client is still sending.
 */
export function refuseRequest(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status], code, message });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}
