import type { ObjectRule } from '../contract/index.js';
import { applyFieldRules } from './field-validators.js';
import { OPENAPI_METADATA_FACTORY, openApiMetadataFactory } from './openapi-metadata.js';

/*
 * A DTO class follows one object of the contract: `@Field()` marks each
 * property (so the class lists its fields, with their TypeScript types and
 * TSDoc), and `@ContractObject(rule)` gives the class every rule of those
 * fields — class-validator and class-transformer decorators, OpenAPI
 * metadata — and checks that the class and the contract list the same fields.
 */

const declaredFields = new WeakMap<object, string[]>();
const dtoByRule = new Map<ObjectRule, new () => object>();
const ruleByDto = new WeakMap<object, ObjectRule>();

/** Marks a property of a DTO as a field of its contract object (see {@link ContractObject}). */
export function Field(): PropertyDecorator {
  return (target: object, property: string | symbol): void => {
    const fields = declaredFields.get(target) ?? [];
    fields.push(String(property));
    declaredFields.set(target, fields);
  };
}

/** Every `@Field()` of `prototype` and its ancestors. */
function fieldsOf(prototype: object | null): Set<string> {
  const fields = new Set<string>();
  for (let p = prototype; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const field of declaredFields.get(p) ?? []) fields.add(field);
  }
  return fields;
}

/** The DTO class registered for a contract object, for nested validation and docs. */
export function dtoFor(rule: ObjectRule): new () => object {
  const dto = dtoByRule.get(rule);
  if (dto === undefined) throw new Error(`engage-send: no DTO class follows the contract's ${rule.name}`);
  return dto;
}

/**
 * The decorated class is the DTO of `rule`: its fields get the rule's
 * validation, transformation and OpenAPI metadata. The first class decorated
 * for a rule is the one nested values of that object are validated as.
 *
 * @throws Error at class definition when the class and the contract disagree on the fields.
 */
export function ContractObject(rule: ObjectRule): ClassDecorator {
  return (target) => {
    const declared = fieldsOf(target.prototype as object);
    const expected = Object.keys(rule.fields);
    const missing = expected.filter((name) => !declared.has(name));
    const extra = [...declared].filter((name) => !(name in rule.fields));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(`engage-send: ${target.name} and the contract's ${rule.name} disagree (missing: ${missing.join(', ') || '-'}; extra: ${extra.join(', ') || '-'})`);
    }
    for (const name of expected) applyFieldRules(target.prototype as object, name, rule.fields[name]!, dtoFor);
    Object.defineProperty(target, OPENAPI_METADATA_FACTORY, { value: openApiMetadataFactory(rule, dtoFor), configurable: true });
    if (!dtoByRule.has(rule)) dtoByRule.set(rule, target as unknown as new () => object);
    ruleByDto.set(target, rule);
  };
}

/** The contract's field names of a DTO instance (of a decorated class or a subclass), e.g. for "did you mean" hints. */
export function contractFieldsOf(instance: unknown): readonly string[] {
  for (let p: unknown = typeof instance === 'object' && instance !== null ? Object.getPrototypeOf(instance) : null; p !== null && p !== undefined; p = Object.getPrototypeOf(p)) {
    const ctor: unknown = Object.prototype.hasOwnProperty.call(p, 'constructor') ? (p as { constructor: unknown }).constructor : undefined;
    const rule = typeof ctor === 'function' ? ruleByDto.get(ctor) : undefined;
    if (rule !== undefined) return Object.keys(rule.fields);
  }
  return [];
}
