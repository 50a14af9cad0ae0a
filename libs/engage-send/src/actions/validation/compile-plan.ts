import type { TypeMetadata } from 'class-transformer';
import { getMetadataStorage, ValidationTypes, type MetadataStorage, type ValidatorConstraintInterface } from 'class-validator';
import type { DtoClass } from './property-hints.js';
import { classTransformUnsupported, propertyTransform } from './transformer-metadata.js';

/*
 * Compiles one class's class-validator and class-transformer metadata into a
 * plan the fast path runs (instance-copy.ts copies, plan-executor.ts checks).
 *
 * Nothing here restates a rule: the plan holds the very condition functions
 * (`@IsOptional`, `@ValidateIf`) and constraint instances (every `ValidateBy`
 * decorator, built-in or ours) class-validator would call, in the lists its
 * `ValidationExecutor` would build for them, from the same
 * `getTargetValidationMetadatas` call with the same groups. A rule added to a
 * DTO is therefore compiled with it, or, when its kind is one the fast path
 * does not mirror, makes the whole class "not compilable", and params reaching
 * that class always take the slow path.
 *
 * Not compilable (the reason is kept, for tests and debugging):
 * - `@ValidatePromise` (`promiseValidation`) or any rule type class-validator
 *   may add later;
 * - a conditional rule without a condition function;
 * - a nested rule (`@ValidateNested`) without class-transformer's `@Type`;
 * - `@Transform`, `@Expose`, `@Exclude`, a `@Type` discriminator or a Map type;
 * - a class whose instances are not blank data holders: prototype members
 *   besides `constructor` (accessors, methods: class-transformer skips or calls
 *   them), or fields set by its constructor.
 */

/** One class-validator metadata entry, as `getTargetValidationMetadatas` returns it. */
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/** Group settings of the validator, passed to class-validator exactly as `validateSync` does. */
export interface PlanGroups {
  readonly groups: string[] | undefined;
  readonly always: boolean;
  readonly strictGroups: boolean;
}

/** A `@IsOptional` / `@ValidateIf` condition: the property's rules run only when it is truthy. */
export type Condition = (object: object, value: unknown) => unknown;

/** One constraint metadata (`isDefined` or a custom rule): class-validator's own validator instances. */
export interface ConstraintStep {
  /** `metadata.propertyName`, passed as `args.property`. */
  readonly property: string;
  /** `metadata.constraints`, passed as `args.constraints` (e.g. `[80]` for a maximum length). */
  readonly constraints: unknown[] | undefined;
  /** `each: true`: the rule applies to every item of an array value. */
  readonly each: boolean;
  /** The decorator's `validateIf` option, when given. */
  readonly validateIf: ((object: object, value: unknown) => boolean) | undefined;
  /** The constraint instances (usually one), resolved once; async ones are left out, as `validateSync` ignores them. */
  readonly validators: readonly ValidatorConstraintInterface[];
}

/** The rules of one property, split as `ValidationExecutor.performValidations` splits them. */
export interface PropertyPlan {
  readonly name: string;
  /** All evaluated; the other rules run only if every one is truthy. */
  readonly conditions: readonly Condition[];
  /** `isDefined` rules (run before the others, as class-validator does). */
  readonly defined: readonly ConstraintStep[];
  /** Every other constraint. */
  readonly custom: readonly ConstraintStep[];
  /** `@ValidateNested`: an object value is validated with its own class's plan, an array's items likewise. */
  readonly nested: boolean;
}

/** How the fast path copies a key of the data into an instance. */
export interface FieldCopy {
  /** class-transformer's `@Type` of the key, or `undefined` for an untyped copy. */
  readonly type: TypeMetadata | undefined;
}

/** A compiled class. */
export interface ClassPlan {
  readonly compilable: true;
  readonly cls: DtoClass;
  /** A blank instance, as class-transformer makes one (`new cls()`). */
  readonly create: () => Record<string, unknown>;
  /** `args.targetName`: the instance's `constructor.name`. */
  readonly targetName: string | undefined;
  /** Whether any rule applies at all (class-validator's `forbidUnknownValues` refuses objects without). */
  readonly hasRules: boolean;
  /** Properties with rules, in class-validator's order: the whitelist, and what is checked. */
  readonly properties: readonly PropertyPlan[];
  /** Copy settings of every property with rules (other keys are looked up when met). */
  readonly fields: ReadonlyMap<string, FieldCopy>;
}

/** A class the fast path does not mirror: its params always take the slow path. */
export interface UncompilableClass {
  readonly compilable: false;
  readonly cls: DtoClass;
  readonly reason: string;
}

/** Result of {@link compileClassPlan}. */
export type CompiledClass = ClassPlan | UncompilableClass;

class Uncompilable extends Error {}

function refuse(reason: string): never {
  throw new Uncompilable(reason);
}

/** Compiles the plan of `cls` for the validator's groups (see the file comment). */
export function compileClassPlan(cls: DtoClass, groups: PlanGroups): CompiledClass {
  try {
    return compile(cls, groups);
  } catch (error) {
    const reason = error instanceof Uncompilable ? error.message : `compiling failed: ${String(error)}`;
    return { compilable: false, cls, reason };
  }
}

function compile(cls: DtoClass, groups: PlanGroups): ClassPlan {
  const create = blankInstanceFactory(cls);
  const transformProblem = classTransformUnsupported(cls);
  if (transformProblem !== undefined) refuse(transformProblem);

  const storage = getMetadataStorage();
  // Exactly ValidationExecutor.execute's call. Its targetSchema (undefined at
  // the root, the parent class's name when nested) only selects schema-based
  // metadata, which is never stored under a class: the result does not depend on it.
  const metadatas = storage.getTargetValidationMetadatas(
    cls,
    undefined as unknown as string,
    groups.always,
    groups.strictGroups,
    groups.groups,
  );
  const grouped = storage.groupByPropertyName(metadatas);

  const properties: PropertyPlan[] = [];
  const fields = new Map<string, FieldCopy>();
  for (const name of Object.keys(grouped)) {
    const property = compileProperty(name, grouped[name] ?? []);
    properties.push(property);
    const transform = propertyTransform(cls, name);
    if (transform.kind === 'unsupported') refuse(transform.reason);
    if (property.nested && transform.kind !== 'typed') refuse(`nested rule without @Type on ${cls.name}.${name}`);
    fields.set(name, { type: transform.kind === 'typed' ? transform.metadata : undefined });
  }
  const ctor: unknown = (cls.prototype as { constructor?: unknown }).constructor;
  return {
    compilable: true,
    cls,
    create,
    targetName: typeof ctor === 'function' ? ctor.name : undefined,
    hasRules: metadatas.length > 0,
    properties,
    fields,
  };
}

function compileProperty(name: string, metadatas: readonly ValidationMetadata[]): PropertyPlan {
  const conditions: Condition[] = [];
  const defined: ConstraintStep[] = [];
  const custom: ConstraintStep[] = [];
  let nested = false;
  for (const metadata of metadatas) {
    switch (metadata.type) {
      case ValidationTypes.IS_DEFINED:
        defined.push(compileConstraint(metadata));
        break;
      case ValidationTypes.CUSTOM_VALIDATION:
        custom.push(compileConstraint(metadata));
        break;
      case ValidationTypes.CONDITIONAL_VALIDATION: {
        const condition: unknown = metadata.constraints?.[0];
        if (typeof condition !== 'function') refuse(`conditional rule without a condition on ${name}`);
        conditions.push(condition as Condition);
        break;
      }
      case ValidationTypes.NESTED_VALIDATION:
        nested = true;
        break;
      case ValidationTypes.WHITELIST:
        // `@Allow`: only makes the property known.
        break;
      default:
        refuse(`rule type ${metadata.type} on ${name}`);
    }
  }
  return { name, conditions, defined, custom, nested };
}

function compileConstraint(metadata: ValidationMetadata): ConstraintStep {
  const validators: ValidatorConstraintInterface[] = [];
  for (const constraint of getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)) {
    if (constraint.async) continue;
    // Resolved once (class-validator's container returns the same instance each time).
    const instance = constraint.instance;
    if (typeof instance?.validate !== 'function') refuse(`constraint ${constraint.name} without a validate function`);
    validators.push(instance);
  }
  return {
    property: metadata.propertyName,
    constraints: metadata.constraints,
    each: metadata.each === true,
    validateIf: metadata.validateIf,
    validators,
  };
}

/**
 * `() => new cls()`, once `cls` is known to make blank data holders: nothing
 * on its prototype chain but `constructor` up to Object.prototype (whose
 * members are reserved keys, never copied), and no field set by the
 * constructor (with `useDefineForClassFields` it would define every declared
 * field, changing key order and the whitelist).
 */
function blankInstanceFactory(cls: DtoClass): () => Record<string, unknown> {
  if (typeof cls !== 'function' || typeof cls.prototype !== 'object' || cls.prototype === null) refuse('not a class');
  for (let proto: object | null = cls.prototype as object; proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    if (proto === null) refuse(`${cls.name}'s prototype chain does not reach Object.prototype`);
    const members = Reflect.ownKeys(proto).filter((key) => key !== 'constructor');
    if (members.length > 0) refuse(`${cls.name} has prototype members (${members.map(String).join(', ')})`);
  }
  const Blank = cls as unknown as new () => Record<string, unknown>;
  const probe = new Blank();
  if (Object.getPrototypeOf(probe) !== cls.prototype) refuse(`${cls.name}'s constructor returns another object`);
  if (Reflect.ownKeys(probe).length > 0) refuse(`${cls.name}'s constructor sets fields`);
  return () => new Blank();
}
