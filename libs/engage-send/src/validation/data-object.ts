import { getMetadataStorage } from 'class-validator';

/** Own property names of Object.prototype: never read or written as param keys (`__proto__`, `constructor`, …). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Whether instances of a prototype are class-validator DTOs (cached: prototypes are few and stable). */
const dtoPrototypes = new WeakMap<object, boolean>();

function isDtoPrototype(proto: object): boolean {
  let known = dtoPrototypes.get(proto);
  if (known === undefined) {
    const ctor: unknown = Object.prototype.hasOwnProperty.call(proto, 'constructor') ? (proto as { constructor: unknown }).constructor : undefined;
    known = typeof ctor === 'function' && getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false).length > 0;
    dtoPrototypes.set(proto, known);
  }
  return known;
}

/**
 * Whether `value` reads as a JSON object: a plain object (or one without
 * prototype), or an instance of a class-validator DTO class (as a Nest
 * `ValidationPipe` with `transform: true` produces), whose own fields are its data.
 */
export function isDataObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || isDtoPrototype(proto as object);
}
