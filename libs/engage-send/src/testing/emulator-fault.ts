/**
 * A misbehaviour to inject instead of (or around) normal processing of one
 * Send API request. Precedence: `delayMs` is always waited first; then `drop`,
 * when set, wins over `status`/`body`/`headers` (which are then ignored);
 * otherwise `status` answers without processing; a fault with only `delayMs`
 * processes the request normally after the delay.
 */
export interface EmulatorFault {
  /** Answer this status instead of processing (the request is NOT recorded as accepted nor refused). */
  status?: number;
  /** Body for `status`. Default: the status's standard reason phrase, e.g. `Service Unavailable`. */
  body?: string;
  /** Extra response headers for `status`, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (combined with `status`, or before normal processing). */
  delayMs?: number;
  /**
   * `'before-read'`: destroy the socket without reading the body (nothing stored).
   * `'after-read'`: read and process normally (store it if valid, refuse it otherwise),
   * then destroy the socket without answering — an answer lost in transit.
   */
  drop?: 'before-read' | 'after-read';
}

/**
 * Decides the fault for one Send API request, or none. `requestIndex` counts
 * Send API requests (`POST /realtime/sdk/:source_id`) from 0 since `start`
 * or the last `reset`, faulted or not.
 */
export type FaultPicker = (requestIndex: number) => EmulatorFault | undefined;

/** Throws a `RangeError` when `fault` could not be applied, so mistakes surface at injection time. */
export function assertValidFault(fault: EmulatorFault): void {
  if (fault.status !== undefined && (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599)) {
    throw new RangeError(`EmulatorFault.status must be an integer from 200 to 599, got ${String(fault.status)}`);
  }
  if (fault.delayMs !== undefined && !(Number.isFinite(fault.delayMs) && fault.delayMs >= 0)) {
    throw new RangeError(`EmulatorFault.delayMs must be a finite number >= 0, got ${String(fault.delayMs)}`);
  }
  if (fault.drop !== undefined && fault.drop !== 'before-read' && fault.drop !== 'after-read') {
    throw new RangeError(`EmulatorFault.drop must be 'before-read' or 'after-read', got ${String(fault.drop)}`);
  }
  if (fault.status === undefined && fault.delayMs === undefined && fault.drop === undefined) {
    throw new RangeError('EmulatorFault needs at least one of status, delayMs or drop');
  }
}
