import { ENGAGE_ACTIONS, type EngageAction } from '../contract/index.js';
import type { EmulatorSource } from './emulator-options.js';

/**
 * An integration's answer to `implementation.info`, as the emulator reads
 * it: object → operations, options, locales.
 */
export interface DeclaredImplementation {
  readonly objects: Readonly<Record<string, readonly string[]>>;
  readonly options: readonly string[];
  readonly locales?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Reads an `implementation.info` answer as Engage would, accepting both
 * documented shapes: `objects` as object → operations (every page but one),
 * or a flat list of `"<object>.<operation>"` (the PHP sample), either as
 * `objects` or as the whole answer.
 *
 * @throws Error naming what is wrong when it is neither.
 */
export function readImplementationInfo(answer: unknown): DeclaredImplementation {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(answer) && !Array.isArray(answer)) throw new Error('implementation.info must answer a JSON object');
  const root: Record<string, unknown> = Array.isArray(answer) ? { objects: answer } : answer;
  const objects: Record<string, string[]> = {};
  const declared = root['objects'] ?? {};
  if (isStringArray(declared)) {
    for (const entry of declared) {
      const dot = entry.indexOf('.');
      if (dot <= 0) throw new Error(`implementation.info: "${entry}" is not "<object>.<operation>"`);
      (objects[entry.slice(0, dot)] ??= []).push(entry.slice(dot + 1));
    }
  } else if (isObject(declared)) {
    for (const [object, operations] of Object.entries(declared)) {
      if (!isStringArray(operations)) throw new Error(`implementation.info: objects.${object} must be an array of operation names`);
      objects[object] = [...operations];
    }
  } else {
    throw new Error('implementation.info: objects must be an object of arrays (or a flat list of "<object>.<operation>")');
  }
  const options = root['options'] ?? [];
  if (!isStringArray(options)) throw new Error('implementation.info: options must be an array of option names');
  const locales = root['locales'];
  if (locales !== undefined && !isObject(locales)) throw new Error('implementation.info: locales must be an object');
  return { objects, options: [...options], ...(locales === undefined ? {} : { locales: locales as DeclaredImplementation['locales'] }) };
}

/**
 * The Send API actions a declaration enables: those it lists
 * (`messages.create`, `status.mark_as_read`…), plus `users.create` (users
 * have no operations to declare) and typing (which Engage gates with the
 * `messaging.typing_indicator` option instead, as the emulator does).
 */
export function declaredSendActions(info: DeclaredImplementation): EngageAction[] {
  const declared = new Set(Object.entries(info.objects).flatMap(([object, operations]) => operations.map((operation) => `${object}.${operation}`)));
  return ENGAGE_ACTIONS.filter((action) => declared.has(action) || action === 'users.create' || action.startsWith('typing.'));
}

/**
 * `source` as Engage sees it after this `implementation.info` answer: only
 * the declared Send API actions, and exactly the declared options. Give it
 * to `emulator.addSource()` to have the emulator refuse the rest, as Engage does.
 */
export function declaredSource(source: EmulatorSource, info: DeclaredImplementation): EmulatorSource {
  return { ...source, actions: declaredSendActions(info), options: [...info.options] };
}
