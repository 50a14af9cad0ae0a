import {
  ENGAGE_ACTIONS,
  ENGAGE_SOURCE_OPTIONS,
  isEngageAction,
  RELAXING_SOURCE_OPTIONS,
  STRUCTURED_CONTENT_TYPES,
  type EngageAction,
  type EngageSourceOption,
} from '../contract/index.js';
import { ContractChecker } from '../validation/contract-checker.js';
import { BoundedMap } from '../reliability/bounded-map.js';
import type { EmulatorSource } from './emulator-options.js';

/**
 * Every option except the {@link RELAXING_SOURCE_OPTIONS}: the emulator's
 * default, so that a client that forgets `thread_id` (or a thread's author and
 * body) is caught. Sources that relax them declare them explicitly.
 */
export const STRICT_SOURCE_OPTIONS: readonly EngageSourceOption[] = ENGAGE_SOURCE_OPTIONS.filter((option) => !RELAXING_SOURCE_OPTIONS.includes(option));

/** Structured content types a source supports unless told otherwise: all four of the contract. */
export const DEFAULT_STRUCTURED_CONTENT_TYPES: readonly string[] = STRUCTURED_CONTENT_TYPES;

/** Ids remembered per source (puppetizable users, the thread of each message): the oldest are forgotten beyond this. */
const MAX_REMEMBERED_IDS = 100_000;

/** An {@link EmulatorSource} with defaults applied, as sets for per-request lookups, plus its state. */
export interface EmulatedSource {
  readonly id: string;
  readonly accessToken: string;
  readonly options: ReadonlySet<string>;
  readonly actions: ReadonlySet<EngageAction>;
  readonly structuredContentTypes: ReadonlySet<string>;
  /** The contract as Engage enforces it, for this source's options. */
  readonly checker: ContractChecker;
  /** The whole contract (the emulator's strict mode), for this source's options. */
  readonly strictChecker: ContractChecker;
  /** Users created through `users.create` with `puppetizable: true` on this source (keys: `keyOf(id)`). */
  readonly puppetizableUserIds: BoundedMap<string, true>;
  /** The thread of each content stored on this source (keys and values: `keyOf(id)`), to key typing by thread. */
  readonly threadOfContent: BoundedMap<string, string>;
}

/** Validates `source` and applies the documented defaults. */
export function toEmulatedSource(source: EmulatorSource): EmulatedSource {
  if (typeof source.id !== 'string' || source.id === '') throw new TypeError('EmulatorSource.id must be a non-empty string');
  if (typeof source.accessToken !== 'string' || source.accessToken === '') {
    throw new TypeError(`EmulatorSource.accessToken of source ${source.id} must be a non-empty string`);
  }
  for (const action of source.actions ?? []) {
    if (!isEngageAction(action)) throw new TypeError(`EmulatorSource.actions of source ${source.id}: unknown action ${String(action)}`);
  }
  const options = new Set(source.options ?? STRICT_SOURCE_OPTIONS);
  return {
    id: source.id,
    accessToken: source.accessToken,
    options,
    actions: new Set(source.actions ?? ENGAGE_ACTIONS),
    structuredContentTypes: new Set(source.structuredContentTypes ?? DEFAULT_STRUCTURED_CONTENT_TYPES),
    checker: new ContractChecker({ level: 'engage', sourceOptions: options }),
    strictChecker: new ContractChecker({ level: 'strict', sourceOptions: options }),
    puppetizableUserIds: new BoundedMap(MAX_REMEMBERED_IDS),
    threadOfContent: new BoundedMap(MAX_REMEMBERED_IDS),
  };
}
