import {
  ACTION_PARAMS,
  isContextDataKey,
  isEngageDate,
  isGiven,
  isRequired,
  VALUE_FORMATS,
  type EngageAction,
  type EngageErrorName,
  type FieldRule,
  type ObjectRule,
} from '../contract/index.js';
import { exceedsCodePoints } from './code-points.js';
import { isDataObject, RESERVED_KEYS } from './data-object.js';
import { suggestProperty } from './property-hints.js';
import { RuleMessages, type RuleName } from './rule-messages.js';
import { pathKey } from './value-description.js';

/**
 * How much of the contract a {@link ContractChecker} enforces:
 * - `'engage'`: what Engage certainly refuses — required fields (with the
 *   source's options), dates, and the structured-content checks. The emulator's
 *   default, as lenient as Engage.
 * - `'strict'`: every rule — also types, lengths, enums, counts, formats, and
 *   that every value is JSON data. The client's, and the emulator's strict mode.
 */
export type CheckLevel = 'engage' | 'strict';

/**
 * What validation does with properties the contract does not define, or that
 * Engage does not read where they are (a `payload` on a `url` button):
 * - `'forward'` (default): send them as given; Engage ignores them.
 * - `'strip'`: remove them before sending.
 * - `'reject'`: refuse the send, naming the property.
 *
 * Keys naming Object.prototype members (`__proto__`, `constructor`, …) are
 * never sent: refused in `'reject'`, dropped otherwise.
 */
export type UnknownPropertiesMode = 'reject' | 'strip' | 'forward';

/** Options of a {@link ContractChecker}. */
export interface ContractCheckerOptions {
  readonly level: CheckLevel;
  /** The source's options (`implementation.info`); `threads.no_content` and `messages.unthreaded` relax required fields. */
  readonly sourceOptions?: Iterable<string>;
  /** Default `'forward'`. Only the strict level looks at unknown properties. */
  readonly unknownProperties?: UnknownPropertiesMode;
}

/** The first rule params break, and Engage's answer to it. */
export interface ContractFailure {
  /** Dotted path from the request root, e.g. `params.author.id`. */
  readonly path: string;
  readonly rule: RuleName;
  readonly message: string;
  /** The error row Engage answers with. */
  readonly refusal: EngageErrorName;
}

/** A property Engage would ignore: unknown to the contract, or not read where it is. */
export interface IgnoredProperty {
  /** e.g. `params.attachments.0.nmae`. */
  readonly path: string;
  /** The path with array indices as `*`, to report each kind once: `params.attachments.*.nmae`. */
  readonly pattern: string;
  /** The sibling it probably stands for, e.g. `thread_id` for `threadId`. */
  readonly hint?: string;
  /** Why Engage ignores it. */
  readonly reason: 'unknown' | 'not read here' | 'reserved';
}

/** Outcome of {@link ContractChecker.check}. */
export type ContractCheck =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly ignored: readonly IgnoredProperty[] | undefined }
  | { readonly ok: false; readonly failure: ContractFailure };

/** Deepest nesting accepted. The Send API's deepest field is 5 levels down (`params.structured_content.items.0.items.0.title`). */
export const MAX_PARAMS_DEPTH = 32;

/** Most ignored properties recorded per check; the rest are still handled, not listed. */
const MAX_IGNORED_RECORDED = 20;

/** One segment of a path, linked to its parent: allocated per nested object, joined only on failure. */
interface PathNode {
  readonly parent: PathNode | undefined;
  readonly key: string | number;
}

function pathOf(node: PathNode | undefined, key?: string | number, wildcard = false): string {
  const segments: (string | number)[] = key === undefined ? [] : [key];
  for (let n = node; n !== undefined; n = n.parent) segments.push(n.key);
  const joined = segments.reverse().map((s) => (wildcard && typeof s === 'number' ? '*' : pathKey(s)));
  return ['params', ...joined].join('.');
}

/** Thrown inside a walk at the first broken rule; caught by `check`. Not an Error: no stack to capture. */
class Broken {
  constructor(readonly failure: ContractFailure) {}
}

/** An object rule, prepared once: its fields as a list, and the set of their names. */
interface PreparedObject {
  readonly fields: readonly (readonly [string, FieldRule])[];
  readonly known: ReadonlySet<string>;
  readonly names: readonly string[];
}

const prepared = new WeakMap<ObjectRule, PreparedObject>();

function prepare(rule: ObjectRule): PreparedObject {
  let p = prepared.get(rule);
  if (p === undefined) {
    const fields = Object.entries(rule.fields);
    p = { fields, known: new Set(fields.map(([name]) => name)), names: fields.map(([name]) => name) };
    prepared.set(rule, p);
  }
  return p;
}

/**
 * Checks an action's params against the contract (`src/contract`), in one
 * walk linear in the size of the params, and stops at the first broken rule.
 * The client accepts valid params with it before anything else runs (and
 * leaves the full list of problems to class-validator); the emulator decides
 * Engage's answer with it. On success it returns the value to serialise: the
 * caller's own object when nothing must go, else a copy without what must go.
 */
export class ContractChecker {
  private readonly strict: boolean;
  private readonly options: ReadonlySet<string>;
  private readonly unknown: UnknownPropertiesMode;

  constructor(options: ContractCheckerOptions) {
    this.strict = options.level === 'strict';
    this.options = new Set(options.sourceOptions ?? []);
    this.unknown = options.unknownProperties ?? 'forward';
  }

  /** Checks `params` for `action` (an action of the contract). */
  check(action: EngageAction, params: unknown): ContractCheck {
    if (!isDataObject(params)) {
      return { ok: false, failure: { path: 'params', rule: 'isObject', message: RuleMessages.notObject('params', params), refusal: 'invalidRequestFormat' } };
    }
    const walk = new Walk(this.strict, this.options, this.unknown);
    try {
      const value = walk.object(params, ACTION_PARAMS[action], undefined, 0);
      return { ok: true, value, ignored: walk.ignored };
    } catch (error) {
      if (error instanceof Broken) return { ok: false, failure: error.failure };
      throw error;
    }
  }
}

/** One check: the state of a walk over one params object. */
class Walk {
  ignored: IgnoredProperty[] | undefined;

  constructor(
    private readonly strict: boolean,
    private readonly options: ReadonlySet<string>,
    private readonly unknown: UnknownPropertiesMode,
  ) {}

  /** Checks `object` against `rule`; returns it, or a copy when something had to go. */
  object(object: Record<string, unknown>, rule: ObjectRule, path: PathNode | undefined, depth: number): Record<string, unknown> {
    if (depth > MAX_PARAMS_DEPTH) this.fail(path, undefined, 'maxDepth', RuleMessages.tooDeep(pathOf(path), MAX_PARAMS_DEPTH));
    const { fields, known, names } = prepare(rule);
    let copy: Record<string, unknown> | undefined;
    for (let i = 0; i < fields.length; i++) {
      const [name, field] = fields[i]!;
      const value = object[name];
      if (!isGiven(value)) {
        if (field.required !== undefined && isRequired(field.required, object, this.options)) {
          this.fail(path, name, 'isDefined', RuleMessages.required(name, misspelling(object, name, known)), field.missing);
        }
        continue;
      }
      const condition = field.readOnlyIf;
      if (condition !== undefined && object[condition.field] !== condition.value) {
        if (!this.strict) continue;
        copy = this.ignore(object, copy, path, name, 'not read here', () => RuleMessages.ignoredHere(name, condition), names, depth);
        continue;
      }
      const next = this.value(value, field, object, name, path, depth);
      if (next !== value) {
        copy ??= copyOf(object);
        copy[name] = next;
      }
    }
    // What Engage ignores matters only to the client (the emulator is as lenient as Engage).
    if (this.strict) {
      for (const key in object) {
        if (known.has(key)) continue;
        if (RESERVED_KEYS.has(key)) {
          copy = this.ignore(object, copy, path, key, 'reserved', () => RuleMessages.reserved(key), names, depth);
        } else {
          copy = this.ignore(object, copy, path, key, 'unknown', (hint) => RuleMessages.unknown(key, hint), names, depth);
        }
      }
    }
    return copy ?? object;
  }

  /** Checks one given value of a known field; returns it, or a copy when something inside had to go. */
  private value(value: unknown, field: FieldRule, parent: Record<string, unknown>, name: string, path: PathNode | undefined, depth: number): unknown {
    const strict = this.strict;
    switch (field.type) {
      case 'string':
        if (strict) this.string(value, field, name, path);
        return value;
      case 'boolean':
        if (strict && typeof value !== 'boolean') this.fail(path, name, 'isBoolean', RuleMessages.notBoolean(name, value));
        return value;
      case 'date':
        if (!isEngageDate(value)) this.fail(path, name, 'isEngageDate', RuleMessages.notDate(name, value));
        return value;
      case 'strings':
        if (strict) this.strings(value, name, path);
        return value;
      case 'context-data':
        return strict ? this.contextData(value, name, path) : value;
      case 'object':
        if (!isDataObject(value)) {
          if (strict || field.required !== undefined) this.fail(path, name, 'isObject', RuleMessages.notObject(name, value));
          return value;
        }
        return this.object(value, field.object!, { parent: path, key: name }, depth + 1);
      case 'objects':
        return strict ? this.objects(value, field, name, path, depth) : value;
      case 'variant':
        return this.variant(value, field, parent, name, path, depth);
    }
  }

  private string(value: unknown, field: FieldRule, name: string, path: PathNode | undefined): void {
    if (typeof value !== 'string') return this.fail(path, name, 'isString', RuleMessages.notString(name, value));
    if (field.maxChars !== undefined && exceedsCodePoints(value, field.maxChars)) {
      this.fail(path, name, 'maxLength', RuleMessages.tooLong(name, field.maxChars, value));
    }
    if (field.oneOf !== undefined && !field.oneOf.includes(value)) this.fail(path, name, 'isIn', RuleMessages.notOneOf(name, field.oneOf, value));
    if (field.format !== undefined) {
      const format = VALUE_FORMATS[field.format];
      if (!format.check(value)) this.fail(path, name, format.rule, RuleMessages.badFormat(name, field.format, value));
    }
  }

  private strings(value: unknown, name: string, path: PathNode | undefined): void {
    if (!Array.isArray(value)) return this.fail(path, name, 'isArray', RuleMessages.notArray(name, value));
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'string') this.fail(path, name, 'isString', RuleMessages.notStringItem(name, i, value[i]));
    }
  }

  private contextData(value: unknown, name: string, path: PathNode | undefined): unknown {
    if (!isDataObject(value)) return this.fail(path, name, 'isObject', RuleMessages.notObject(name, value));
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
      if (RESERVED_KEYS.has(key)) {
        copy = this.ignore(value, copy, { parent: path, key: name }, key, 'reserved', () => RuleMessages.reserved(key), [], 0);
        continue;
      }
      if (!isContextDataKey(key)) this.fail(path, name, 'contextDataKeys', RuleMessages.badContextDataKey(name, key));
      const entry = value[key];
      if (typeof entry === 'string' || entry === undefined) continue;
      if (!Array.isArray(entry) || !entry.every((item) => typeof item === 'string')) {
        this.fail(path, name, 'contextDataValues', RuleMessages.badContextDataValue(name, key));
      }
    }
    return copy ?? value;
  }

  private objects(value: unknown, field: FieldRule, name: string, path: PathNode | undefined, depth: number): unknown {
    if (!Array.isArray(value)) return this.fail(path, name, 'isArray', RuleMessages.notArray(name, value));
    if (field.minItems !== undefined && value.length < field.minItems) this.fail(path, name, 'arrayMinSize', RuleMessages.tooFew(name, field.minItems));
    if (field.maxItems !== undefined && value.length > field.maxItems) this.fail(path, name, 'arrayMaxSize', RuleMessages.tooMany(name, field.maxItems));
    const list: PathNode = { parent: path, key: name };
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (!isDataObject(item)) this.fail(list, i, 'isObject', RuleMessages.notObjectItem(name, i, item));
      const next = this.object(item, field.object!, { parent: list, key: i }, depth + 1);
      if (next !== item) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    return copy ?? value;
  }

  /** A structured content: Engage's own refusals for a missing or unknown `type`, then the object of that type. */
  private variant(value: unknown, field: FieldRule, _parent: Record<string, unknown>, name: string, path: PathNode | undefined, depth: number): unknown {
    if (!isDataObject(value)) {
      if (this.strict) this.fail(path, name, 'isObject', RuleMessages.notObject(name, value));
      return this.fail({ parent: path, key: name }, 'type', 'isDefined', 'Type is required for structured contents', 'structuredContentTypeRequired');
    }
    const here: PathNode = { parent: path, key: name };
    const type = value['type'];
    if (!isGiven(type)) this.fail(here, 'type', 'isDefined', 'Type is required for structured contents', 'structuredContentTypeRequired');
    const variants = field.variants!;
    const rule = typeof type === 'string' && Object.prototype.hasOwnProperty.call(variants, type) ? variants[type] : undefined;
    if (rule === undefined) {
      this.fail(here, 'type', 'isIn', RuleMessages.notOneOf('type', Object.keys(variants), type), 'structuredContentTypeUnsupported');
    }
    return this.object(value, rule!, here, depth + 1);
  }

  /**
   * A property Engage ignores: refused in `'reject'`; otherwise recorded, and
   * dropped (`'strip'`, and reserved keys always) or kept as JSON data (`'forward'`).
   */
  private ignore(
    object: Record<string, unknown>,
    copy: Record<string, unknown> | undefined,
    path: PathNode | undefined,
    key: string,
    reason: IgnoredProperty['reason'],
    message: (hint: string | undefined) => string,
    siblings: readonly string[],
    depth: number,
  ): Record<string, unknown> | undefined {
    // A hint costs an edit distance per sibling: computed only for what is reported.
    const hintFor = () => (reason === 'unknown' ? suggestProperty(key, siblings) : undefined);
    if (this.unknown === 'reject') {
      this.fail(path, key, reason === 'reserved' ? 'reservedProperty' : reason === 'unknown' ? 'unknownProperty' : 'ignoredProperty', message(hintFor()));
    }
    const ignored = (this.ignored ??= []);
    if (ignored.length < MAX_IGNORED_RECORDED) {
      const hint = hintFor();
      ignored.push({ path: pathOf(path, key), pattern: pathOf(path, key, true), reason, ...(hint === undefined ? {} : { hint }) });
    }
    if (reason === 'reserved' || this.unknown === 'strip') {
      const next = copy ?? copyOf(object);
      delete next[key];
      return next;
    }
    const value = object[key];
    const next = this.json(value, { parent: path, key }, depth + 1);
    if (next === value) return copy;
    const updated = copy ?? copyOf(object);
    updated[key] = next;
    return updated;
  }

  /** A forwarded value the contract knows nothing of: it must still be JSON data, sent as given. */
  private json(value: unknown, path: PathNode, depth: number): unknown {
    switch (typeof value) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return value;
      case 'number':
        if (!Number.isFinite(value)) this.fail(path.parent, path.key, 'isJsonData', RuleMessages.notJson(String(path.key), value));
        return value;
      case 'object':
        break;
      default:
        return this.fail(path.parent, path.key, 'isJsonData', RuleMessages.notJson(String(path.key), value));
    }
    if (value === null || value instanceof Date) return value;
    if (depth > MAX_PARAMS_DEPTH) this.fail(path.parent, path.key, 'maxDepth', RuleMessages.tooDeep(String(path.key), MAX_PARAMS_DEPTH));
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = this.json(value[i], { parent: path, key: i }, depth + 1);
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    if (!isDataObject(value)) return this.fail(path.parent, path.key, 'isJsonData', RuleMessages.notJson(String(path.key), value));
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
      if (RESERVED_KEYS.has(key)) {
        copy = this.ignore(value, copy, path, key, 'reserved', () => RuleMessages.reserved(key), [], depth);
        continue;
      }
      const next = this.json(value[key], { parent: path, key }, depth + 1);
      if (next !== value[key]) (copy ??= copyOf(value))[key] = next;
    }
    return copy ?? value;
  }

  private fail(path: PathNode | undefined, key: string | number | undefined, rule: RuleName, message: string, refusal: EngageErrorName = 'invalidResourceFormat'): never {
    throw new Broken({ path: pathOf(path, key), rule, message, refusal });
  }
}

/** Most sibling keys looked at for a misspelling of a missing field: the search stays cheap whatever the object. */
const MAX_MISSPELLING_CANDIDATES = 100;

/** A sibling key that looks like a misspelling of the missing field `name` (`threadId` for `thread_id`). */
function misspelling(object: Record<string, unknown>, name: string, known: ReadonlySet<string>): string | undefined {
  let looked = 0;
  for (const key in object) {
    if (++looked > MAX_MISSPELLING_CANDIDATES) return undefined;
    if (!known.has(key) && suggestProperty(key, [name]) === name) return key;
  }
  return undefined;
}

/** A plain copy of an object's own data (never its reserved keys), in the same key order. */
function copyOf(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in object) if (!RESERVED_KEYS.has(key)) copy[key] = object[key];
  return copy;
}
