import { ENGAGE_ERRORS, structuredContentAttributeEmpty, type EngageErrorRow } from '../contract/index.js';

/** One of Engage's documented error answers: HTTP status and plain-text body. */
export type EngageRefusal = EngageErrorRow;

/** Engage's documented Send API errors (the contract's error table), as the emulator answers them. */
export const ENGAGE_REFUSALS = ENGAGE_ERRORS;

export { structuredContentAttributeEmpty };
