import type { ValidationArguments } from 'class-validator';
import type { ConstraintStep, PropertyPlan } from './compile-plan.js';
import type { PlanSource } from './instance-copy.js';
import type { MirroredSettings } from './mirrored-options.js';
import { notAccepted } from './not-accepted.js';

/*
 * The fast path's `validateSync`: walks an instance built by instance-copy.ts
 * as class-validator's ValidationExecutor does (same order, same objects and
 * arguments handed to the same condition and constraint functions), but only
 * to answer "no error at all?". At the first rule that fails it gives up
 * (notAccepted), and the slow path collects the errors. It returns normally
 * only when class-validator would report nothing.
 *
 * Mirrors, per object (`execute`): no rule for its class → error
 * (`forbidUnknownValues`); whitelist (unknown keys refused, or deleted from the
 * instance, which is the fast path's own copy); then per property with rules
 * (`performValidations`): every condition evaluated, and if all are truthy the
 * `isDefined` rules, the other rules, and nested validation (an object → its
 * class's rules; an array → each item, `undefined` items skipped; anything
 * else → error).
 */

/** Validates `instance` (see the file comment); returns only if it has no error, else gives up. */
export function assertValid(instance: object, plans: PlanSource, settings: MirroredSettings): void {
  execute(instance, plans, settings);
}

function execute(object: object, plans: PlanSource, settings: MirroredSettings): void {
  const plan = plans.planFor((object as { constructor?: unknown }).constructor);
  if (!plan.hasRules && settings.forbidUnknownValues) notAccepted();
  const target = object as Record<string, unknown>;
  if (settings.rejectUnknown || settings.stripUnknown) whitelist(target, plan.fields, settings.rejectUnknown);
  const properties = plan.properties;
  for (let p = 0; p < properties.length; p++) {
    const property = properties[p]!;
    performValidations(target, target[property.name], property, plan.targetName, plans, settings);
  }
}

function whitelist(object: Record<string, unknown>, known: ReadonlyMap<string, unknown>, reject: boolean): void {
  let unknown: string[] | undefined;
  for (const key of Object.keys(object)) {
    if (known.has(key)) continue;
    if (reject) notAccepted();
    (unknown ??= []).push(key);
  }
  if (unknown !== undefined) for (const key of unknown) delete object[key];
}

function performValidations(
  object: object,
  value: unknown,
  property: PropertyPlan,
  targetName: string | undefined,
  plans: PlanSource,
  settings: MirroredSettings,
): void {
  // Every condition runs (class-validator maps them all, then ANDs the results).
  const { conditions, defined, custom } = property;
  let canValidate: unknown = true;
  for (let i = 0; i < conditions.length; i++) {
    const result = conditions[i]!(object, value);
    canValidate = canValidate && result;
  }
  if (!canValidate) return;
  for (let i = 0; i < defined.length; i++) runConstraint(defined[i]!, object, value, targetName);
  for (let i = 0; i < custom.length; i++) runConstraint(custom[i]!, object, value, targetName);
  if (property.nested && value !== undefined) validateNested(value, plans, settings);
}

function runConstraint(step: ConstraintStep, object: object, value: unknown, targetName: string | undefined): void {
  if (step.validateIf !== undefined && !step.validateIf(object, value)) return;
  const validators = step.validators;
  for (let i = 0; i < validators.length; i++) {
    const validator = validators[i]!;
    // A fresh arguments object per constraint, as class-validator passes.
    const args: ValidationArguments = { targetName: targetName as string, property: step.property, object, value, constraints: step.constraints as unknown[] };
    if (step.each && Array.isArray(value)) {
      for (const item of value) passes(validator.validate(item, args));
    } else {
      passes(validator.validate(value, args));
    }
  }
}

/** A validator's answer: falsy fails; a promise (only awaited by async validation) is left to the slow path. */
function passes(result: unknown): void {
  if (!result || typeof (result as { then?: unknown }).then === 'function') notAccepted();
}

function validateNested(value: unknown, plans: PlanSource, settings: MirroredSettings): void {
  if (Array.isArray(value)) {
    // forEach, as class-validator: holes are skipped (the copy has none), so are undefined items.
    for (const item of value) if (item !== undefined) validateNested(item, plans, settings);
  } else if (value instanceof Set || value instanceof Map) {
    // Never in a copy; class-validator would treat them as arrays.
    notAccepted();
  } else if (value instanceof Object) {
    execute(value, plans, settings);
  } else {
    notAccepted();
  }
}
