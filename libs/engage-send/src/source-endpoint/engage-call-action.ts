/*
 * The names of Engage's calls to the integration (source-endpoint.md):
 * `implementation.info`, `<object>.<operation>` for the three content
 * objects, and `messaging.queuing_update`. Everything that reads or checks an
 * action name reads it from here.
 */

/** The call Engage makes first, answered by the library itself. */
export const IMPLEMENTATION_INFO = 'implementation.info';

/** Engage's queue-position update for a waiting customer (needs option `messaging.queuing_update`). */
export const QUEUING_UPDATE = 'messaging.queuing_update';

/** Objects whose contents Engage lists, shows, creates and acts on. */
export const ENGAGE_CONTENT_OBJECTS = ['messages', 'private_messages', 'threads'] as const;

/** A content object: `messages`, `private_messages` or `threads`. */
export type EngageContentObject = (typeof ENGAGE_CONTENT_OBJECTS)[number];

/**
 * Operations that have a handler of their own, in the order `implementation.info`
 * lists them. `destroy` (the Polling page's name for `delete`) is an alias,
 * not an operation: see {@link canonicalOperation}.
 */
export const HANDLED_OPERATIONS = ['create', 'show', 'list', 'delete', 'publish', 'unpublish'] as const;

/** An operation of {@link HANDLED_OPERATIONS}. */
export type HandledOperation = (typeof HANDLED_OPERATIONS)[number];

/**
 * Names Engage reserves (the standard operations of the Actions page, and
 * `destroy`): anything else is a custom action, shown to agents as a button.
 */
export const RESERVED_OPERATIONS: ReadonlySet<string> = new Set([...HANDLED_OPERATIONS, 'destroy', 'reply']);

/** A custom action's name: letters, digits, `_` and `-` (it becomes a locale key and a button label). */
const CUSTOM_OPERATION = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * An action a handler can answer: a standard operation or a custom action of
 * a content object, or `messaging.queuing_update`. `<object>.destroy` is
 * accepted as another name of `<object>.delete`.
 */
export type EngageCallAction = `${EngageContentObject}.${HandledOperation | 'destroy'}` | `${EngageContentObject}.${string}` | typeof QUEUING_UPDATE;

/** What an action name means. */
export type ParsedCallAction =
  | { readonly kind: 'info' }
  | { readonly kind: 'queuing_update' }
  | { readonly kind: HandledOperation; readonly object: EngageContentObject }
  | { readonly kind: 'custom'; readonly object: EngageContentObject; readonly operation: string };

/** `delete` for `destroy` (spec disagreement 1: both names reach the same handler); other names unchanged. */
export function canonicalOperation(operation: string): string {
  return operation === 'destroy' ? 'delete' : operation;
}

/**
 * Reads an action name, or `undefined` when it names no call of the contract
 * (an unknown object, an empty or malformed operation).
 */
export function parseCallAction(action: string): ParsedCallAction | undefined {
  if (action === IMPLEMENTATION_INFO) return { kind: 'info' };
  if (action === QUEUING_UPDATE) return { kind: 'queuing_update' };
  const dot = action.indexOf('.');
  if (dot === -1) return undefined;
  const object = action.slice(0, dot);
  if (!(ENGAGE_CONTENT_OBJECTS as readonly string[]).includes(object)) return undefined;
  const operation = canonicalOperation(action.slice(dot + 1));
  if ((HANDLED_OPERATIONS as readonly string[]).includes(operation)) {
    return { kind: operation as HandledOperation, object: object as EngageContentObject };
  }
  if (RESERVED_OPERATIONS.has(operation) || !CUSTOM_OPERATION.test(operation)) return undefined;
  return { kind: 'custom', object: object as EngageContentObject, operation };
}

/** The action's canonical name (`messages.delete` for `messages.destroy`). */
export function canonicalAction(parsed: ParsedCallAction): string {
  switch (parsed.kind) {
    case 'info':
      return IMPLEMENTATION_INFO;
    case 'queuing_update':
      return QUEUING_UPDATE;
    case 'custom':
      return `${parsed.object}.${parsed.operation}`;
    default:
      return `${parsed.object}.${parsed.kind}`;
  }
}
