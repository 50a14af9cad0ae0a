import { ENGAGE_SOURCE_OPTIONS, RELAXING_SOURCE_OPTIONS, STRUCTURED_CONTENT_TYPES, type EngageSourceOption } from '../contract/index.js';

export { ENGAGE_SOURCE_OPTIONS, RELAXING_SOURCE_OPTIONS, type EngageSourceOption };

/**
 * Every option except the {@link RELAXING_SOURCE_OPTIONS}: the emulator's
 * default, so that a client that forgets `thread_id` (or a thread's author and
 * body) is caught. Sources that relax them declare them explicitly.
 */
export const STRICT_SOURCE_OPTIONS: readonly EngageSourceOption[] = ENGAGE_SOURCE_OPTIONS.filter((option) => !RELAXING_SOURCE_OPTIONS.includes(option));

/** Structured content types a source supports unless told otherwise: all four of the contract. */
export const DEFAULT_STRUCTURED_CONTENT_TYPES: readonly string[] = STRUCTURED_CONTENT_TYPES;
