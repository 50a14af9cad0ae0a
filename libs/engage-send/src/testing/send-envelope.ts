import { ENGAGE_ERRORS, isGiven, type EngageErrorRow } from '../contract/index.js';
import { isDataObject } from '../validation/data-object.js';

/** A body that parsed as `{ action, params }`; `action` is not yet checked against the known actions. */
export interface SendEnvelope {
  readonly action: unknown;
  readonly params: Record<string, unknown>;
}

// `fatal`: the Send API is UTF-8 only, so invalid UTF-8 is a malformed body, not text to repair.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses the raw body into the Send API envelope: 400 `Bad request` when it is
 * not UTF-8 JSON or not a JSON object, 400 `Invalid request format` when
 * `action` or `params` is missing or `params` is not an object.
 */
export function parseSendEnvelope(rawBody: Buffer): SendEnvelope | EngageErrorRow {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(rawBody));
  } catch {
    return ENGAGE_ERRORS.badRequest;
  }
  if (!isDataObject(value)) return ENGAGE_ERRORS.badRequest;
  const { action, params } = value;
  if (!isGiven(action) || !isDataObject(params)) return ENGAGE_ERRORS.invalidRequestFormat;
  return { action, params };
}

/** Tells a parsed envelope from a refusal. */
export function isRefusal(value: SendEnvelope | EngageErrorRow | undefined): value is EngageErrorRow {
  return value !== undefined && 'status' in value;
}
