import { TYPING_OPTION } from '../contract/index.js';
import type { DiscoveredCallHandler, HandlerDiscovery } from './discover-call-handlers.js';
import { parseCallAction, QUEUING_UPDATE } from './engage-call-action.js';
import type { EngageEndpointConfig } from './resolve-endpoint-options.js';

/** A registration of `EngageSendModule`, as far as handlers are concerned. */
export interface HandlerTarget {
  readonly name?: string;
  readonly endpoint?: EngageEndpointConfig;
  readonly sourceOptions: readonly string[];
}

const describeName = (name: string | undefined): string => (name === undefined ? 'the unnamed registration' : `registration "${name}"`);

/**
 * The handlers of `target`, by canonical action, and every reason the
 * endpoint cannot work as declared. `registrations` are all the app's
 * registrations, to catch a handler that names none of them.
 */
export function buildHandlerTable(
  discovery: HandlerDiscovery,
  target: HandlerTarget,
  registrations: readonly (string | undefined)[],
): { table: Map<string, DiscoveredCallHandler>; problems: string[] } {
  const problems = [...discovery.problems];
  const table = new Map<string, DiscoveredCallHandler>();
  for (const handler of discovery.handlers) {
    if (!registrations.includes(handler.name)) {
      problems.push(`${handler.label} answers ${handler.action} for ${describeName(handler.name)}, which is not registered`);
      continue;
    }
    if (handler.name !== target.name) continue;
    if (target.endpoint === undefined) {
      problems.push(`${handler.label} answers ${handler.action} for ${describeName(target.name)}, which has no endpoint option (add endpoint: { path: '/engage' })`);
      continue;
    }
    const existing = table.get(handler.action);
    if (existing) problems.push(`${handler.action} has two handlers: ${existing.label} and ${handler.label}`);
    else table.set(handler.action, handler);
  }
  const endpoint = target.endpoint;
  if (endpoint === undefined) return { table, problems };

  const options = new Set(target.sourceOptions);
  for (const action of endpoint.sends) {
    if (action.endsWith('.create') && action !== 'users.create' && !table.has(action)) {
      problems.push(
        `endpoint.sends declares ${action}, which also tells Engage to deliver agents' replies to this endpoint: add an @OnEngageCall('${action}') handler (throw EngageContentError with fatal: true to refuse them)`,
      );
    }
    if (action.startsWith('typing.') && !options.has(TYPING_OPTION)) {
      problems.push(`endpoint.sends declares ${action}, which Engage enables with the source option ${TYPING_OPTION}: add it to sourceOptions (with view.messaging)`);
    }
  }
  if (table.has(QUEUING_UPDATE) && !options.has(QUEUING_UPDATE)) {
    problems.push(`${table.get(QUEUING_UPDATE)?.label} answers ${QUEUING_UPDATE}, which Engage sends only with the source option ${QUEUING_UPDATE}: add it to sourceOptions`);
  }
  const customActions = new Set<string>();
  for (const action of table.keys()) {
    const parsed = parseCallAction(action);
    if (parsed?.kind === 'custom') customActions.add(parsed.operation);
  }
  for (const [language, labels] of Object.entries(endpoint.locales ?? {})) {
    for (const action of Object.keys(labels)) {
      if (!customActions.has(action)) problems.push(`endpoint.locales.${language}.${action} labels no custom action (custom actions with a handler: ${[...customActions].join(', ') || 'none'})`);
    }
  }
  return { table, problems };
}
