import { ENGAGE_ACTIONS, isEngageAction, type EngageAction } from '../actions/engage-action.js';
import { BoundedIdSet } from './bounded-id-set.js';
import { DEFAULT_STRUCTURED_CONTENT_TYPES, STRICT_SOURCE_OPTIONS } from './engage-source-options.js';
import type { EmulatorSource } from './emulator-options.js';

/** Puppetizable users remembered per source: far more than any test creates, and bounded. */
const MAX_PUPPETIZABLE_USERS = 100_000;

/** An {@link EmulatorSource} with defaults applied, as sets for per-request lookups, plus its state. */
export interface EmulatedSource {
  readonly id: string;
  readonly accessToken: string;
  readonly options: ReadonlySet<string>;
  readonly actions: ReadonlySet<EngageAction>;
  readonly structuredContentTypes: ReadonlySet<string>;
  /** Ids of users created through `users.create` with `puppetizable: true` on this source (the latest 100 000). */
  readonly puppetizableUserIds: BoundedIdSet;
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
  return {
    id: source.id,
    accessToken: source.accessToken,
    options: new Set(source.options ?? STRICT_SOURCE_OPTIONS),
    actions: new Set(source.actions ?? ENGAGE_ACTIONS),
    structuredContentTypes: new Set(source.structuredContentTypes ?? DEFAULT_STRUCTURED_CONTENT_TYPES),
    puppetizableUserIds: new BoundedIdSet(MAX_PUPPETIZABLE_USERS),
  };
}
