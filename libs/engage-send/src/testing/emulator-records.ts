import type { IncomingHttpHeaders } from 'node:http';

import type { EngageActionParamsMap } from '../dto/action-params.map.js';
import type { EngageAction } from '../contract/index.js';
import type { EmulatorFault } from './emulator-faults.js';

/** A Send API request the emulator accepted (answered, or would have answered, 200 `ok`). */
export interface RecordedRequest {
  /** The `source_id` from the URL. */
  sourceId: string;
  /** The body's `action`. */
  action: string;
  /**
   * The body's `params`, as parsed. When the body was not kept (`bodyKept`
   * false), only its top-level strings of up to 256 characters, numbers,
   * booleans and nulls (at most 64 of them, under keys of up to 64 characters).
   */
  params: Record<string, unknown>;
  /** The body bytes exactly as received: what the signature covers. Empty when the body was not kept (`bodyKept` false). */
  rawBody: Buffer;
  /** Size of the body as received, in bytes (also when it was not kept). */
  bodyBytes: number;
  /** SHA-256 of the body as received, lower-case hex (also when it was not kept). */
  bodySha256: string;
  /** False when the body was over `limits.maxKeptBodyBytes`: only its size, digest and short top-level values were kept. */
  bodyKept: boolean;
  /** The `X-SMCCSDK-SIGNATURE` header. */
  signature: string;
  /** All request headers, as Node parsed them (lower-cased names). */
  headers: IncomingHttpHeaders;
  /** The emulator clock (`now` option) when the request arrived. */
  receivedAt: number;
}

/** A Send API request refused with one of Engage's documented errors (injected faults are not refusals). */
export interface RefusedRequest {
  /** The `source_id` from the URL (also when the source is unknown; cut at 1 024 characters, then `…`). */
  sourceId?: string;
  /** The body's `action`, when the body got far enough to read it and it was a string (cut at 256 characters, then `…`). */
  action?: string;
  /** The HTTP status answered. */
  status: number;
  /** The answered body: Engage's message. */
  message: string;
  /** The field at fault, when the params broke a rule of the contract, e.g. `params.author.id` (cut at 1 024 characters, then `…`). */
  field?: string;
  /** The rule it broke, e.g. `isDefined`, `maxLength` (see the client's `EngageFieldError.constraints`). */
  rule?: string;
}

/** One HTTP request that reached the server, whatever its path or outcome. */
export interface LoggedRequest {
  /** HTTP method. */
  method: string;
  /** URL path, without the query string (cut at 1 024 characters, then `…`). */
  path: string;
  /** Status answered; absent while in flight or when no answer was sent (dropped, client gone, emulator stopped). */
  status?: number;
  /** The injected fault applied to this request, if any. */
  fault?: EmulatorFault;
}

/** A JSON value as it arrives on the wire: `Date`s were sent as ISO 8601 strings. */
export type AsReceived<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? AsReceived<Item>[]
    : T extends object
      ? { [K in keyof T]: AsReceived<T[K]> }
      : T;

/**
 * An accepted request of one action, typed: `params` has the action's params
 * type (`EngageActionParamsMap`), as received. Without a type argument, a
 * union that narrows on `action`. Returned by `EngageEmulator.accepted()`.
 */
export type AcceptedSend<A extends EngageAction = EngageAction> = A extends EngageAction
  ? Omit<RecordedRequest, 'action' | 'params'> & { action: A; params: AsReceived<EngageActionParamsMap[A]> }
  : never;
