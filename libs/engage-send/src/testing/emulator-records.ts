import type { IncomingHttpHeaders } from 'node:http';

import type { EmulatorFault } from './emulator-fault.js';

/** A Send API request the emulator accepted (answered, or would have answered, 200 `ok`). */
export interface RecordedRequest {
  /** The `source_id` from the URL. */
  sourceId: string;
  /** The body's `action`. */
  action: string;
  /** The body's `params`, as parsed. */
  params: Record<string, unknown>;
  /** The body bytes exactly as received: what the signature covers. */
  rawBody: Buffer;
  /** The `X-SMCCSDK-SIGNATURE` header. */
  signature: string;
  /** All request headers, as Node parsed them (lower-cased names). */
  headers: IncomingHttpHeaders;
  /** The emulator clock (`now` option) when the request arrived. */
  receivedAt: number;
}

/** A Send API request refused with one of Engage's documented errors (injected faults are not refusals). */
export interface RefusedRequest {
  /** The `source_id` from the URL (also when the source is unknown). */
  sourceId?: string;
  /** The body's `action`, when the body got far enough to read it and it was a string. */
  action?: string;
  /** The HTTP status answered. */
  status: number;
  /** The answered body: Engage's message. */
  message: string;
  /** The field at fault, when the params broke a rule of the contract, e.g. `params.author.id`. */
  field?: string;
  /** The rule it broke, e.g. `isDefined`, `maxLength` (see the client's `EngageFieldError.constraints`). */
  rule?: string;
}

/** One HTTP request that reached the server, whatever its path or outcome. */
export interface LoggedRequest {
  /** HTTP method. */
  method: string;
  /** URL path, without the query string. */
  path: string;
  /** Status answered; absent while in flight or when no answer was sent (dropped, client gone, emulator stopped). */
  status?: number;
  /** The injected fault applied to this request, if any. */
  fault?: EmulatorFault;
}
