import { ENGAGE_ACTIONS, type EngageAction } from '../contract/index.js';
import type { EngageEndpointOptions } from './engage-endpoint-options.interface.js';

/** Default body limit of Engage's calls: 1 MiB. */
export const DEFAULT_ENDPOINT_MAX_BODY_BYTES = 1_048_576;

/** The endpoint options after validation. */
export interface EngageEndpointConfig {
  readonly path: string;
  readonly sends: readonly EngageAction[];
  readonly locales?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly maxBodyBytes: number;
}

// A literal path on both platforms: nothing Express or Fastify would read as a
// parameter or wildcard (`:`, `*`, `(`), no query, no empty segment.
const PATH = /^(?:\/[A-Za-z0-9._~-]+)+$|^\/$/;
const LOCALE = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/;

/** Validates `endpoint`, pushing one line per problem into `problems`; `undefined` when absent or invalid. */
export function resolveEndpointOptions(endpoint: EngageEndpointOptions | undefined, problems: string[]): EngageEndpointConfig | undefined {
  if (endpoint === undefined) return undefined;
  if (endpoint === null || typeof endpoint !== 'object' || Array.isArray(endpoint)) {
    problems.push('endpoint must be an object, e.g. { path: "/engage" }');
    return undefined;
  }
  const before = problems.length;
  const { path, sends = [], locales, maxBodyBytes = DEFAULT_ENDPOINT_MAX_BODY_BYTES } = endpoint;
  if (typeof path !== 'string' || !PATH.test(path)) {
    problems.push(`endpoint.path must be an absolute path of letters, digits and -._~/ such as "/engage" (got ${JSON.stringify(path)})`);
  }
  if (!Array.isArray(sends)) {
    problems.push('endpoint.sends must be an array of Send API actions, e.g. ["status.mark_as_read"]');
  } else {
    for (const action of sends) {
      if (!(ENGAGE_ACTIONS as readonly unknown[]).includes(action)) {
        problems.push(`endpoint.sends: ${JSON.stringify(action)} is not a Send API action (one of ${ENGAGE_ACTIONS.join(', ')})`);
      }
    }
  }
  if (locales !== undefined) problems.push(...localeProblems(locales));
  if (typeof maxBodyBytes !== 'number' || !Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    problems.push(`endpoint.maxBodyBytes must be a positive integer of bytes (got ${String(maxBodyBytes)})`);
  }
  if (problems.length > before) return undefined;
  return Object.freeze({
    path,
    sends: Object.freeze([...new Set(sends)]),
    locales: locales === undefined ? undefined : freezeLocales(locales),
    maxBodyBytes,
  });
}

function localeProblems(locales: unknown): string[] {
  if (locales === null || typeof locales !== 'object' || Array.isArray(locales)) {
    return ['endpoint.locales must be an object of language → { custom action → label }'];
  }
  const problems: string[] = [];
  for (const [language, labels] of Object.entries(locales)) {
    if (language !== 'default' && !LOCALE.test(language)) problems.push(`endpoint.locales: ${JSON.stringify(language)} is not a language code (e.g. "default", "en", "fr")`);
    if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
      problems.push(`endpoint.locales.${language} must be an object of custom action → label`);
      continue;
    }
    for (const [action, label] of Object.entries(labels)) {
      if (typeof label !== 'string' || label.trim() === '') problems.push(`endpoint.locales.${language}.${action} must be a non-empty string`);
    }
  }
  return problems;
}

function freezeLocales(locales: Readonly<Record<string, Readonly<Record<string, string>>>>): Readonly<Record<string, Readonly<Record<string, string>>>> {
  return Object.freeze(Object.fromEntries(Object.entries(locales).map(([language, labels]) => [language, Object.freeze({ ...labels })])));
}
