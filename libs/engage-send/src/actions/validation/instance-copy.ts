import type { TypeMetadata } from 'class-transformer';
import type { ClassPlan } from './compile-plan.js';
import { notAccepted } from './not-accepted.js';
import { isDataObject, MAX_PARAMS_DEPTH, RESERVED_KEYS } from './params-inspector.js';
import type { DtoClass } from './property-hints.js';
import { propertyTransform } from './transformer-metadata.js';

/*
 * The fast path's `plainToInstance`: builds the same instance tree
 * class-transformer builds (with ParamsValidator's options, which are its
 * defaults), for the params that need no help from params-inspector.ts:
 *
 * - a `@Type` property becomes `new Class()` (the class its type function
 *   picks, called with the same arguments) with every own enumerable key of
 *   the data, in order, including `undefined` values; an array there becomes an
 *   array of such instances;
 * - untyped plain objects are copied as plain objects, arrays as arrays
 *   (without holes: class-transformer iterates with forEach), Dates as new
 *   Dates; primitives are kept.
 *
 * It gives up (notAccepted) on whatever the slow path would treat otherwise,
 * so that validating this copy is validating what the slow path validates: any
 * value params-inspector.ts would report or drop (functions, symbols, bigints,
 * class instances, nesting deeper than MAX_PARAMS_DEPTH, hence cycles, keys
 * named after Object.prototype members), a DTO instance in an untyped place
 * (class-transformer would copy it into its own class), an array class other
 * than Array, a class compile-plan.ts could not compile.
 */

/** Where the copy finds compiled classes. */
export interface PlanSource {
  /** The plan of `cls`; gives up (notAccepted) when `cls` is not compilable. */
  planFor(cls: unknown): ClassPlan;
}

/** The instance of `root` that `plainToInstance(root, params)` would build (see the file comment). */
export function copyToInstance(params: object, root: DtoClass, plans: PlanSource): object {
  return copyTyped(params, plans.planFor(root), 0, plans);
}

function copyValue(value: unknown, type: ClassPlan | undefined, arrayType: unknown, depth: number, plans: PlanSource): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      // Kept as is, typed or not: `type` is never String/Number/Boolean/Date
      // (they don't compile), the classes class-transformer converts to.
      return value;
    case 'object':
      break;
    default:
      return notAccepted();
  }
  if (value === null) return null;
  if (depth > MAX_PARAMS_DEPTH) return notAccepted();
  if (Array.isArray(value)) return copyArray(value, type, arrayType, depth, plans);
  if (value instanceof Date) return new Date(value.valueOf());
  return type === undefined ? copyPlain(value, depth, plans) : copyTyped(value, type, depth, plans);
}

function copyArray(
  array: readonly unknown[],
  type: ClassPlan | undefined,
  arrayType: unknown,
  depth: number,
  plans: PlanSource,
): unknown[] {
  // The reflected type of a typed array property (`design:type`) is Array;
  // class-transformer would instantiate anything else as the container.
  if (arrayType !== undefined && arrayType !== Array) notAccepted();
  const copy: unknown[] = [];
  for (let i = 0; i < array.length; i++) {
    if (i in array) copy.push(copyValue(array[i], type, undefined, depth + 1, plans));
  }
  return copy;
}

function copyPlain(object: object, depth: number, plans: PlanSource): Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) notAccepted();
  const source = object as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(source);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (RESERVED_KEYS.has(key)) notAccepted();
    copy[key] = copyValue(source[key], undefined, undefined, depth + 1, plans);
  }
  return copy;
}

function copyTyped(object: object, plan: ClassPlan, depth: number, plans: PlanSource): Record<string, unknown> {
  if (!isDataObject(object)) notAccepted();
  const source = object as Record<string, unknown>;
  const copy = plan.create();
  const keys = Object.keys(source);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (RESERVED_KEYS.has(key)) notAccepted();
    const value = source[key];
    const field = plan.fields.get(key);
    const type = field !== undefined ? field.type : unknownKeyType(plan.cls, key);
    if (type === undefined) {
      copy[key] = copyValue(value, undefined, undefined, depth + 1, plans);
    } else {
      const picked = pickClass(type, copy, source, key, plans);
      copy[key] = copyValue(value, picked, Array.isArray(value) ? type.reflectedType : undefined, depth + 1, plans);
    }
  }
  return copy;
}

/**
 * A key without rules (kept in 'forward', deleted later in 'strip', refused in
 * 'reject'): copied untyped; if class-transformer has decorators for it after
 * all, the slow path decides. Looked up each time rather than cached: such keys
 * are the caller's to choose.
 */
function unknownKeyType(cls: DtoClass, key: string): TypeMetadata | undefined {
  const transform = propertyTransform(cls, key);
  return transform.kind === 'plain' ? undefined : notAccepted();
}

/** The class `@Type` picks, called as class-transformer calls it (with the copy under construction). */
function pickClass(
  type: TypeMetadata,
  copy: object,
  source: Record<string, unknown>,
  key: string,
  plans: PlanSource,
): ClassPlan | undefined {
  const picked: unknown = type.typeFunction ? type.typeFunction({ newObject: copy, object: source, property: key }) : type.reflectedType;
  return picked === undefined ? undefined : plans.planFor(picked);
}
