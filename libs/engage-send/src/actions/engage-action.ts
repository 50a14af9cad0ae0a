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
