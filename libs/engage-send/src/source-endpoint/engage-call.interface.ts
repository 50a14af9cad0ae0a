import type { EngageContentObject } from './engage-call-action.js';

/** What a handler learns about the call besides its params. */
export interface EngageCall {
  /** The action, canonical: `messages.delete` also for a call Engage named `messages.destroy`. */
  readonly action: string;
  /** The action exactly as Engage named it. */
  readonly receivedAction: string;
  /** The content object, or `undefined` for `messaging.queuing_update`. */
  readonly object?: EngageContentObject;
  /** The operation (`create`, `list`, a custom action's name…), or `undefined` for `messaging.queuing_update`. */
  readonly operation?: string;
  /** When Engage made the call (its `time` field), when given. */
  readonly time?: string;
  /** The Engage source id of the registration that received the call. */
  readonly sourceId: string;
  /** The registration's `name`, `undefined` for the unnamed one. */
  readonly registration?: string;
}
