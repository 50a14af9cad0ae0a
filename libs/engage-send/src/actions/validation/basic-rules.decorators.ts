import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { describeValue } from './value-description.js';

/*
 * Small rules with one failure each, so a field gets exactly one message for
 * one mistake: a missing field says "is required" (not also "must be a
 * string"), a number says "must be a string", an empty string says "must not be
 * empty". Each rule but IsPresent ignores null/undefined, which IsPresent or
 * IsOptional decide about.
 */

/**
 * The field is present: not `undefined`, not `null` (Engage treats null as
 * absent). Rule name `isDefined`.
 *
 * @param message overrides the default `<field> is required`, for fields that
 * are required only in some cases (e.g. `body` unless `attachments`).
 */
export function IsPresent(message?: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDefined',
      validator: {
        validate: (value: unknown): boolean => value !== undefined && value !== null,
        defaultMessage: (args: ValidationArguments): string => message ?? `${args.property} is required`,
      },
    },
    options,
  );
}

/** The value, when present, is a string. Rule name `isString`. */
export function IsStringValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isString',
      validator: {
        validate: (value: unknown): boolean => value === undefined || value === null || typeof value === 'string',
        defaultMessage: (args: ValidationArguments): string =>
          `${args.property} must be a string, got ${describeValue(args.value)}`,
      },
    },
    options,
  );
}

/** The value, when a string, is not empty (Engage treats `""` as absent). Rule name `isNotEmpty`. */
export function IsNonEmptyString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotEmpty',
      validator: {
        validate: (value: unknown): boolean => value !== '',
        defaultMessage: (args: ValidationArguments): string => `${args.property} must not be empty`,
      },
    },
    options,
  );
}

/**
 * A required, non-empty string: {@link IsPresent} + {@link IsStringValue} +
 * {@link IsNonEmptyString}.
 */
export function IsRequiredString(requiredMessage?: string): PropertyDecorator {
  const present = IsPresent(requiredMessage);
  const string = IsStringValue();
  const nonEmpty = IsNonEmptyString();
  return (target: object, property: string | symbol): void => {
    present(target, property);
    string(target, property);
    nonEmpty(target, property);
  };
}

/** The value, when present, is one of `values`. Rule name `isIn`. */
export function IsOneOf(values: readonly string[], options?: ValidationOptions): PropertyDecorator {
  const allowed = new Set<unknown>(values);
  const list = values.map((v) => `"${v}"`).join(', ');
  return ValidateBy(
    {
      name: 'isIn',
      constraints: [values],
      validator: {
        validate: (value: unknown): boolean => value === undefined || value === null || allowed.has(value),
        defaultMessage: (args: ValidationArguments): string =>
          `${args.property} must be one of ${list}, got ${
            typeof args.value === 'string' ? JSON.stringify(args.value) : describeValue(args.value)
          }`,
      },
    },
    options,
  );
}

/**
 * The value, when present, is an array of strings. Rule names `isArray`
 * (not an array) and `isString` (an item is not a string).
 */
export function IsStringArray(): PropertyDecorator {
  const array = IsArrayValue();
  const items = ValidateBy({
    name: 'isString',
    validator: {
      validate: (value: unknown): boolean => !Array.isArray(value) || value.every((item) => typeof item === 'string'),
      defaultMessage: (args: ValidationArguments): string => {
        const items = args.value as unknown[];
        const index = items.findIndex((item) => typeof item !== 'string');
        return `each item of ${args.property} must be a string (item ${index} is ${describeValue(items[index])})`;
      },
    },
  });
  return (target: object, property: string | symbol): void => {
    array(target, property);
    items(target, property);
  };
}

/** The value, when present, is an array. Rule name `isArray`. */
export function IsArrayValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isArray',
      validator: {
        validate: (value: unknown): boolean => value === undefined || value === null || Array.isArray(value),
        defaultMessage: (args: ValidationArguments): string =>
          `${args.property} must be an array, got ${describeValue(args.value)}`,
      },
    },
    options,
  );
}

/**
 * Whether `value` is an object that can stand for a JSON object: not null, not
 * an array, not a Date.
 */
export function isObjectValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The value, when present, is an object (not an array, not a Date). Rule name `isObject`. */
export function IsObjectValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isObject',
      validator: {
        validate: (value: unknown): boolean => value === undefined || value === null || isObjectValue(value),
        defaultMessage: (args: ValidationArguments): string =>
          `${args.property} must be an object, got ${describeValue(args.value)}`,
      },
    },
    options,
  );
}
