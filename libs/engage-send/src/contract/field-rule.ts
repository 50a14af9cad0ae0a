import type { EngageErrorName } from './engage-errors.js';
import type { EngageSourceOption } from './source-options.js';
import type { ValueFormat } from './value-formats.js';

/*
 * The shape of the contract's rules. A rule is data: the DTO decorators, the
 * contract checker (client fast path, emulator) and the OpenAPI metadata are
 * all built from it, so each rule is written once.
 *
 * Two levels of rules:
 * - what Engage certainly refuses (`required`, dates, the structured-content
 *   checks): enforced by the client and by the emulator;
 * - what the contract describes but Engage may not check (types, lengths,
 *   enums, counts, formats): enforced by the client, and by the emulator only
 *   in its strict mode.
 */

/** What a field's value is. */
export type FieldType =
  /** A string. */
  | 'string'
  | 'boolean'
  /** A date in any form Engage takes (see `date-forms.ts`). */
  | 'date'
  /** An array of strings. */
  | 'strings'
  /** An object of string or string-array values, keys `[a-zA-Z-]`. */
  | 'context-data'
  /** An object following {@link FieldRule.object}. */
  | 'object'
  /** An array of objects following {@link FieldRule.object}. */
  | 'objects'
  /** An object picked among {@link FieldRule.variants} by its `type`. */
  | 'variant';

/**
 * When a field is required. Every condition given must hold; a field that is
 * not required may still be given. "Given" means present and not empty: Engage
 * treats `null`, `""`, `[]` and `{}` as absent.
 */
export interface Requirement {
  /** Not required when the source declares this option. */
  readonly unlessOption?: EngageSourceOption;
  /** Not required when any of these sibling fields is given. */
  readonly unlessGiven?: readonly string[];
  /** Required only when this sibling field is given. */
  readonly ifGiven?: string;
  /** Required only when a sibling field has this value. */
  readonly ifEquals?: { readonly field: string; readonly value: string };
}

/** One field of an object of the contract. */
export interface FieldRule {
  readonly type: FieldType;
  /** Absent: optional. `true`: always required. */
  readonly required?: true | Requirement;
  /** The error row Engage answers when the field is missing (default `invalidResourceFormat`). */
  readonly missing?: EngageErrorName;
  /** Longest string, in characters (Unicode code points). */
  readonly maxChars?: number;
  /** The only values a string may take. */
  readonly oneOf?: readonly string[];
  /** The format a string must have. */
  readonly format?: ValueFormat;
  /** `object` and `objects`: the rules of the object(s). */
  readonly object?: ObjectRule;
  /** `variant`: the object rules, by the value of their `type`. */
  readonly variants?: Readonly<Record<string, ObjectRule>>;
  /** `objects`: fewest and most items. */
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Engage reads the field only when a sibling has this value; anywhere else it ignores it (like an unknown field). */
  readonly readOnlyIf?: { readonly field: string; readonly value: string };
  /** What the field is, in a sentence: TSDoc, OpenAPI descriptions, error hints. */
  readonly description: string;
  /** A value to show in docs (OpenAPI). */
  readonly example?: unknown;
}

/** An object of the contract: a Message, a User, a select item… */
export interface ObjectRule {
  /** Its name in Engage's docs, e.g. `Message`. */
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldRule>>;
}

/**
 * Whether `value` counts as given: Engage treats `undefined`, `null`, `""` and
 * an empty collection (`[]`, `{}`) as absent.
 */
export function isGiven(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.length > 0;
  // Only a plain object can be an empty collection: a class instance (a Date, a Map) is a value.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return true;
  for (const _key in value) return true;
  return false;
}

/**
 * Whether the field with `requirement` must be given in `object` (its
 * siblings), on a source declaring `options`.
 */
export function isRequired(requirement: FieldRule['required'], object: Readonly<Record<string, unknown>>, options: ReadonlySet<string>): boolean {
  if (requirement === undefined) return false;
  if (requirement === true) return true;
  const { unlessOption, unlessGiven, ifGiven, ifEquals } = requirement;
  if (unlessOption !== undefined && options.has(unlessOption)) return false;
  if (unlessGiven !== undefined && unlessGiven.some((field) => isGiven(object[field]))) return false;
  if (ifGiven !== undefined && !isGiven(object[ifGiven])) return false;
  if (ifEquals !== undefined && object[ifEquals.field] !== ifEquals.value) return false;
  return true;
}
