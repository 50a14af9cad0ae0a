import { ENGAGE_CONTENT_OBJECTS, HANDLED_OPERATIONS, parseCallAction } from './engage-call-action.js';
import type { EngageEndpointConfig } from './resolve-endpoint-options.js';

/**
 * The answer to `implementation.info`: what the integration implements and
 * uses (object → operations, the Send API actions included), its source
 * options, and the labels of its custom actions.
 */
export interface ImplementationInfo {
  readonly objects: Readonly<Record<string, readonly string[]>>;
  readonly options: readonly string[];
  readonly locales?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * Builds the `implementation.info` answer from the actions that have a
 * handler, the Send API actions the app declares it sends, and the source
 * options. Object shape (spec disagreement 2); standard operations in a fixed
 * order, then custom actions alphabetically; `delete` is declared under that
 * name (Engage also calls it `destroy`, which reaches the same handler).
 */
export function buildImplementationInfo(
  handledActions: Iterable<string>,
  endpoint: EngageEndpointConfig,
  sourceOptions: readonly string[],
): ImplementationInfo {
  const declared = new Map<string, Set<string>>();
  const declare = (object: string, operation: string): void => {
    let operations = declared.get(object);
    if (!operations) declared.set(object, (operations = new Set()));
    operations.add(operation);
  };
  for (const action of handledActions) {
    const parsed = parseCallAction(action);
    if (parsed === undefined || parsed.kind === 'info' || parsed.kind === 'queuing_update') continue;
    declare(parsed.object, parsed.kind === 'custom' ? parsed.operation : parsed.kind);
  }
  // Send API actions: the creates name the same operation (and have handlers,
  // checked at setup); status.mark_as_read is the `status` object's. users.create
  // and typing need no declaration.
  for (const action of endpoint.sends) {
    if (action.endsWith('.create') && action !== 'users.create') declare(action.slice(0, -'.create'.length), 'create');
    else if (action === 'status.mark_as_read') declare('status', 'mark_as_read');
  }
  const objects: Record<string, string[]> = {};
  for (const object of [...ENGAGE_CONTENT_OBJECTS, 'status']) {
    const operations = declared.get(object);
    if (!operations) continue;
    const standard = HANDLED_OPERATIONS.filter((operation) => operations.has(operation));
    const others = [...operations].filter((operation) => !(HANDLED_OPERATIONS as readonly string[]).includes(operation)).sort();
    objects[object] = [...standard, ...others];
  }
  const info: { objects: Record<string, string[]>; options: string[]; locales?: ImplementationInfo['locales'] } = {
    objects,
    options: [...new Set(sourceOptions)],
  };
  if (endpoint.locales !== undefined && Object.keys(endpoint.locales).length > 0) info.locales = endpoint.locales;
  return info;
}
