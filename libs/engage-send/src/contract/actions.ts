import type { ObjectRule } from './field-rule.js';
import { MESSAGE, PRIVATE_MESSAGE, STATUS, THREAD, TYPING_START, TYPING_STOP, USER } from './objects.js';

/** Every Send API action, `<resource>.<operation>`, as Engage names it. */
export const ENGAGE_ACTIONS = [
  'messages.create',
  'private_messages.create',
  'threads.create',
  'users.create',
  'status.mark_as_read',
  'typing.start',
  'typing.stop',
] as const;

/** A Send API action name. */
export type EngageAction = (typeof ENGAGE_ACTIONS)[number];

/** Whether `value` names a Send API action. */
export function isEngageAction(value: unknown): value is EngageAction {
  return typeof value === 'string' && (ENGAGE_ACTIONS as readonly string[]).includes(value);
}

/** The object each action's `params` is. */
export const ACTION_PARAMS: { readonly [A in EngageAction]: ObjectRule } = {
  'messages.create': MESSAGE,
  'private_messages.create': PRIVATE_MESSAGE,
  'threads.create': THREAD,
  'users.create': USER,
  'status.mark_as_read': STATUS,
  'typing.start': TYPING_START,
  'typing.stop': TYPING_STOP,
};

/** Actions whose params may carry a `structured_content`. */
export const STRUCTURED_CONTENT_ACTIONS: ReadonlySet<EngageAction> = new Set(['messages.create', 'private_messages.create']);

/** Typing events: rate limited per thread, and gated by the source's `messaging.typing_indicator` option. */
export function isTypingAction(action: string): action is 'typing.start' | 'typing.stop' {
  return action === 'typing.start' || action === 'typing.stop';
}
