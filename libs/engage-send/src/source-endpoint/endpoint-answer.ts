import type { KeyObject } from 'node:crypto';
import { SIGNATURE_HEADER, signBody } from '../signing/sign-body.js';

/** What the endpoint sends back for one call. */
export interface EndpointAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** A 200 JSON answer, signed over exactly the bytes returned. */
export function signedJsonAnswer(json: string, key: KeyObject): EndpointAnswer {
  const body = Buffer.from(json, 'utf8');
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE, 'content-length': String(body.length), [SIGNATURE_HEADER.toLowerCase()]: signBody(body, key) },
    body,
  };
}

/**
 * A short, unsigned plain-text answer (a refusal or a server error). Engage
 * reads any non-2xx status as a failure; the text is for people. `close` asks
 * for the connection to be closed (the request body was not read).
 */
export function textAnswer(status: number, text: string, close = false): EndpointAnswer {
  const body = Buffer.from(text, 'utf8');
  const headers: Record<string, string> = { 'content-type': TEXT_TYPE, 'content-length': String(body.length) };
  if (close) headers['connection'] = 'close';
  return { status, headers, body };
}
