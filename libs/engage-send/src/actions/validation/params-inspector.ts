import { getMetadataStorage } from 'class-validator';
import type { EngageFieldError } from '../../errors/validation.error.js';
import { describeValue } from './value-description.js';

/*
 * A pass over the raw params before class-transformer sees them. class-transformer
 * assumes JSON-like input, and the params are about to be sent as JSON, so:
 *
 * - Keys naming Object.prototype members (`__proto__`, `constructor`,
 *   `toString`, …) are never sent. JSON.parse turns `"__proto__"` into an own
 *   key; class-transformer skips `__proto__`/`constructor` (and any key whose
 *   name is an inherited method) silently, and an own `constructor` key inside
 *   an untyped object makes it call that value as a constructor and throw. They
 *   are rejected in 'reject' mode (so a payload built to pollute prototypes is
 *   refused loudly) and dropped otherwise. Nothing here assigns to them, so
 *   Object.prototype can't be polluted.
 * - Values JSON can't carry faithfully are errors in every mode: functions,
 *   symbols, bigints (JSON.stringify throws), class instances other than `Date`
 *   and class-validator DTOs (class-transformer would call their constructor
 *   with no arguments: `new URL()` throws), circular references (JSON.stringify
 *   throws) and nesting deeper than {@link MAX_PARAMS_DEPTH}.
 *
 * It copies nothing when nothing must go (the common case): the caller's object
 * is handed on as is, and class-transformer's copy is the only one.
 */

/** Deepest nesting accepted. The Send API's deepest field is 5 levels down (`params.structured_content.items.0.items.0.title`). */
export const MAX_PARAMS_DEPTH = 32;

/** Own property names of Object.prototype: never accepted as param keys. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Marks a value dropped from the copy. */
const DROP = Symbol('drop');

/** Whether instances of a prototype are class-validator DTOs (cached: prototypes are few and stable). */
const dtoPrototypes = new WeakMap<object, boolean>();

function isDtoPrototype(proto: object): boolean {
  let known = dtoPrototypes.get(proto);
  if (known === undefined) {
    const ctor: unknown = Object.prototype.hasOwnProperty.call(proto, 'constructor')
      ? (proto as { constructor: unknown }).constructor
      : undefined;
    known =
      typeof ctor === 'function' && getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false).length > 0;
    dtoPrototypes.set(proto, known);
  }
  return known;
}

/**
 * Whether `value` reads as a JSON object: a plain object (or one without
 * prototype), or an instance of a class-validator DTO class (as a Nest
 * `ValidationPipe` with `transform: true` produces), whose own fields are its data.
 */
export function isDataObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || isDtoPrototype(proto as object);
}

/** Result of {@link inspectParams}. */
export interface ParamsInspection {
  /** Problems found, with their paths. Empty when the params are clean. */
  errors: EngageFieldError[];
  /**
   * What to validate and send: the caller's own object when nothing had to go,
   * else a copy without the reserved keys and the values reported in `errors`
   * (so validation can still report every other problem).
   */
  data: object;
}

class Inspection {
  readonly errors: EngageFieldError[] = [];
  /** Keys/indices from `params` down to the value being visited; joined only when reporting. */
  private readonly segments: (string | number)[] = [];
  /** Objects currently being visited, to detect cycles. */
  private readonly ancestors: object[] = [];

  constructor(private readonly rejectReservedKeys: boolean) {}

  visit(value: unknown): unknown {
    switch (typeof value) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'undefined':
        return value;
      case 'object':
        break;
      default:
        return this.drop('isJsonData', `${this.name()} must be JSON data, got ${describeValue(value)}`);
    }
    if (value === null || value instanceof Date) return value;
    if (this.ancestors.length > MAX_PARAMS_DEPTH) {
      return this.drop('maxDepth', `${this.name()} is nested more than ${MAX_PARAMS_DEPTH} levels deep`);
    }
    if (this.ancestors.includes(value)) {
      return this.drop('isAcyclic', `${this.name()} is a circular reference, which JSON can't carry`);
    }
    if (Array.isArray(value)) return this.within(value, () => this.visitArray(value));
    if (!isDataObject(value)) {
      return this.drop(
        'isJsonData',
        `${this.name()} must be JSON data (a string, number, boolean, null, array or plain object) or a Date, got ${describeValue(value)}`,
      );
    }
    return this.within(value, () => this.visitObject(value as Record<string, unknown>));
  }

  private visitArray(array: readonly unknown[]): unknown[] {
    let copy: unknown[] | undefined;
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      this.segments.push(i);
      const next = this.visit(item);
      this.segments.pop();
      if (next !== item && copy === undefined) copy = array.slice(0, i);
      // A dropped item leaves a hole rather than shifting later indices, so their paths stay right.
      if (copy !== undefined) copy.push(next === DROP ? undefined : next);
    }
    return copy ?? (array as unknown[]);
  }

  private visitObject(object: Record<string, unknown>): object {
    let copy: Record<string, unknown> | undefined;
    const keys = Object.keys(object);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (RESERVED_KEYS.has(key)) {
        if (this.rejectReservedKeys) {
          this.segments.push(key);
          this.report('reservedProperty', `property "${key}" is a reserved JavaScript name and is never sent`);
          this.segments.pop();
        }
        copy ??= copyKeys(object, keys, k);
        continue;
      }
      const item = object[key];
      this.segments.push(key);
      const next = this.visit(item);
      this.segments.pop();
      if (next !== item) {
        copy ??= copyKeys(object, keys, k);
        if (next !== DROP) copy[key] = next;
      } else if (copy !== undefined) {
        copy[key] = item;
      }
    }
    return copy ?? object;
  }

  private within<T>(value: object, visit: () => T): T {
    this.ancestors.push(value);
    try {
      return visit();
    } finally {
      this.ancestors.pop();
    }
  }

  private drop(rule: string, message: string): typeof DROP {
    this.report(rule, message);
    return DROP;
  }

  private report(rule: string, message: string): void {
    this.errors.push({ path: this.path(), constraints: { [rule]: message } });
  }

  private path(): string {
    return this.segments.length === 0 ? 'params' : `params.${this.segments.join('.')}`;
  }

  /** The field's own name for messages (`author`, or `0` for an array item). */
  private name(): string {
    const last = this.segments[this.segments.length - 1];
    return last === undefined ? 'params' : String(last);
  }
}

/** A fresh plain object with `object`'s first `count` keys. */
function copyKeys(object: Record<string, unknown>, keys: readonly string[], count: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    if (!RESERVED_KEYS.has(key)) copy[key] = object[key];
  }
  return copy;
}

/**
 * Checks that `params` (an object) is JSON data and finds reserved keys (see
 * the file comment). Never mutates `params`.
 *
 * @param rejectReservedKeys report reserved keys as errors ('reject' mode);
 * otherwise they are only dropped from `data`.
 */
export function inspectParams(params: object, rejectReservedKeys: boolean): ParamsInspection {
  const inspection = new Inspection(rejectReservedKeys);
  const data = inspection.visit(params);
  return { errors: inspection.errors, data: data === DROP ? {} : (data as object) };
}
