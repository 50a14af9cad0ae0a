import 'reflect-metadata';
import { Type, type TypeHelpOptions } from 'class-transformer';
import { Allow, ValidateBy, ValidateIf, ValidateNested, type ValidationArguments } from 'class-validator';
import { isContextDataKey, isEngageDate, isGiven, VALUE_FORMATS, type FieldRule, type ObjectRule, type Requirement } from '../contract/index.js';
import { exceedsCodePoints } from '../validation/code-points.js';
import { isDataObject } from '../validation/data-object.js';
import { RuleMessages, type RuleName } from '../validation/rule-messages.js';

/*
 * class-validator decorators built from a contract field rule, so a DTO
 * carries exactly the rules the contract checker enforces, worded the same
 * (validation/rule-messages.ts). One decorator per rule name, each checking
 * one thing, so a field gets one message per mistake.
 */

/** class-validator group of a presence rule that a source option lifts: active unless the source declares the option. */
export function withoutOptionGroup(option: string): string {
  return `without:${option}`;
}

/** Group of the rules active only in `unknownProperties: 'reject'` mode. */
export const REJECT_IGNORED_GROUP = 'reject-ignored';

type Validate = (value: unknown, args: ValidationArguments) => boolean;
type Describe = (args: ValidationArguments) => string;

function rule(name: RuleName, validate: Validate, message: Describe, groups?: string[]): PropertyDecorator {
  return ValidateBy({ name, validator: { validate, defaultMessage: message } }, groups === undefined ? undefined : { groups, always: false });
}

/** Whether a requirement asks for the field given these siblings, source options aside (they are groups). */
function requiredBySiblings(requirement: true | Requirement, object: Readonly<Record<string, unknown>>): boolean {
  if (requirement === true) return true;
  const { unlessGiven, ifGiven, ifEquals } = requirement;
  if (unlessGiven !== undefined && unlessGiven.some((field) => isGiven(object[field]))) return false;
  if (ifGiven !== undefined && !isGiven(object[ifGiven])) return false;
  if (ifEquals !== undefined && object[ifEquals.field] !== ifEquals.value) return false;
  return true;
}

/** Resolves the DTO class of a nested object rule (registered by `@ContractObject`). */
export type DtoResolver = (rule: ObjectRule) => new () => object;

/** Applies to `target[name]` the class-validator (and class-transformer) rules of `field`. */
export function applyFieldRules(target: object, name: string, field: FieldRule, dtoFor: DtoResolver): void {
  const decorators: PropertyDecorator[] = [];
  const { required, readOnlyIf } = field;
  // Absent (undefined, null, "" or []) is fine unless required; a field Engage doesn't read here is not checked.
  decorators.push(
    ValidateIf((object: Record<string, unknown>, value: unknown) => {
      if (readOnlyIf !== undefined && object[readOnlyIf.field] !== readOnlyIf.value) return false;
      return isGiven(value) || (required !== undefined && requiredBySiblings(required, object));
    }),
  );
  if (required !== undefined) {
    const option = required === true ? undefined : required.unlessOption;
    decorators.push(rule('isDefined', isGiven, () => RuleMessages.required(name), option === undefined ? undefined : [withoutOptionGroup(option)]));
  }
  decorators.push(...typeRules(name, field, dtoFor));
  for (const decorator of decorators) decorator(target, name);
}

function typeRules(name: string, field: FieldRule, dtoFor: DtoResolver): PropertyDecorator[] {
  // Each rule ignores absent values: presence is `isDefined`'s job.
  const when = (check: (value: unknown) => boolean): Validate => (value) => !isGiven(value) || check(value);
  switch (field.type) {
    case 'string':
      return stringRules(name, field);
    case 'boolean':
      return [rule('isBoolean', when((v) => typeof v === 'boolean'), (a) => RuleMessages.notBoolean(name, a.value))];
    case 'date':
      return [rule('isEngageDate', when(isEngageDate), (a) => RuleMessages.notDate(name, a.value))];
    case 'strings':
      return [
        rule('isArray', when(Array.isArray), (a) => RuleMessages.notArray(name, a.value)),
        rule('isString', (v) => !Array.isArray(v) || v.every((item) => typeof item === 'string'), (a) => {
          const items = a.value as unknown[];
          const index = items.findIndex((item) => typeof item !== 'string');
          return RuleMessages.notStringItem(name, index, items[index]);
        }),
      ];
    case 'context-data':
      return contextDataRules(name);
    case 'object':
      return [rule('isObject', when(isDataObject), (a) => RuleMessages.notObject(name, a.value)), ValidateNested(), Type(() => dtoFor(field.object!))];
    case 'objects':
      return objectsRules(name, field, dtoFor);
    case 'variant':
      return [
        rule('isObject', when(isDataObject), (a) => RuleMessages.notObject(name, a.value)),
        ValidateNested(),
        Type((options?: TypeHelpOptions) => variantClass(options, field, dtoFor)),
      ];
  }
}

function stringRules(name: string, field: FieldRule): PropertyDecorator[] {
  const isString = (v: unknown): v is string => typeof v === 'string';
  const rules = [rule('isString', (v) => !isGiven(v) || isString(v), (a) => RuleMessages.notString(name, a.value))];
  const { maxChars, oneOf, format } = field;
  if (maxChars !== undefined) {
    rules.push(rule('maxLength', (v) => !isString(v) || !exceedsCodePoints(v, maxChars), (a) => RuleMessages.tooLong(name, maxChars, a.value as string)));
  }
  if (oneOf !== undefined) {
    rules.push(rule('isIn', (v) => !isString(v) || v === '' || oneOf.includes(v), (a) => RuleMessages.notOneOf(name, oneOf, a.value)));
  }
  if (format !== undefined) {
    const { check, rule: ruleName } = VALUE_FORMATS[format];
    rules.push(rule(ruleName, (v) => !isString(v) || v === '' || check(v), (a) => RuleMessages.badFormat(name, format, a.value as string)));
  }
  return rules;
}

function contextDataRules(name: string): PropertyDecorator[] {
  const entries = (v: unknown): [string, unknown][] => (isDataObject(v) ? Object.entries(v) : []);
  const badValue = ([, value]: [string, unknown]): boolean =>
    value !== undefined && typeof value !== 'string' && !(Array.isArray(value) && value.every((item) => typeof item === 'string'));
  return [
    rule('isObject', (v) => !isGiven(v) || isDataObject(v), (a) => RuleMessages.notObject(name, a.value)),
    rule('contextDataKeys', (v) => entries(v).every(([key]) => isContextDataKey(key)), (a) => {
      const [key] = entries(a.value).find(([k]) => !isContextDataKey(k))!;
      return RuleMessages.badContextDataKey(name, key);
    }),
    rule('contextDataValues', (v) => !entries(v).some(badValue), (a) => RuleMessages.badContextDataValue(name, entries(a.value).find(badValue)![0])),
  ];
}

function objectsRules(name: string, field: FieldRule, dtoFor: DtoResolver): PropertyDecorator[] {
  const { minItems, maxItems } = field;
  const rules = [
    rule('isArray', (v) => !isGiven(v) || Array.isArray(v), (a) => RuleMessages.notArray(name, a.value)),
    // class-validator's nested validation skips `undefined` items and descends into nested arrays: check items here.
    rule('isObject', (v) => !Array.isArray(v) || v.every(isDataObject), (a) => {
      const items = a.value as unknown[];
      const index = items.findIndex((item) => !isDataObject(item));
      return RuleMessages.notObjectItem(name, index, items[index]);
    }),
    ValidateNested(),
    Type(() => dtoFor(field.object!)),
  ];
  if (minItems !== undefined) rules.push(rule('arrayMinSize', (v) => !Array.isArray(v) || v.length === 0 || v.length >= minItems, () => RuleMessages.tooFew(name, minItems)));
  if (maxItems !== undefined) rules.push(rule('arrayMaxSize', (v) => !Array.isArray(v) || v.length <= maxItems, () => RuleMessages.tooMany(name, maxItems)));
  return rules;
}

/** The DTO class of a variant's value, by its `type`; the stand-in when the type is missing or unknown. */
function variantClass(options: TypeHelpOptions | undefined, field: FieldRule, dtoFor: DtoResolver): new () => object {
  const value: unknown = options?.object[options.property];
  const type = isDataObject(value) ? value['type'] : undefined;
  const variants = field.variants!;
  if (typeof type === 'string' && Object.prototype.hasOwnProperty.call(variants, type)) return dtoFor(variants[type]!);
  return unknownVariantClass(variants);
}

const unknownVariantClasses = new WeakMap<object, new () => object>();

/**
 * Stand-in for a variant whose `type` is missing or unknown: only `type` is
 * reported (with Engage's own wording when missing); the fields of the known
 * types are allowed, so they don't each add an "unknown property" error.
 */
function unknownVariantClass(variants: Readonly<Record<string, ObjectRule>>): new () => object {
  let stand = unknownVariantClasses.get(variants);
  if (stand === undefined) {
    const UnknownStructuredContentDto = class {};
    const types = Object.keys(variants);
    rule('isDefined', isGiven, () => 'Type is required for structured contents')(UnknownStructuredContentDto.prototype, 'type');
    rule('isIn', (v) => !isGiven(v) || (typeof v === 'string' && types.includes(v)), (a) => RuleMessages.notOneOf('type', types, a.value))(UnknownStructuredContentDto.prototype, 'type');
    const fields = new Set(Object.values(variants).flatMap((variant) => Object.keys(variant.fields)));
    fields.delete('type');
    for (const name of fields) Allow()(UnknownStructuredContentDto.prototype, name);
    stand = UnknownStructuredContentDto;
    unknownVariantClasses.set(variants, stand);
  }
  return stand;
}
