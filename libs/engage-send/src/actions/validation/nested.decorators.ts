import 'reflect-metadata';
import { Type, type TypeHelpOptions } from 'class-transformer';
import { ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';
import { IsArrayValue, IsObjectValue, isObjectValue } from './basic-rules.decorators.js';
import { describeValue } from './value-description.js';

/** Picks the DTO class a nested value is turned into (see class-transformer's `@Type`). */
export type NestedClassPicker = (options?: TypeHelpOptions) => new () => object;

/**
 * A nested object validated as the DTO class `type` returns: when present it
 * must be an object (rule `isObject`), and its own fields are validated (and,
 * in `'strip'` mode, cleaned) with that class's rules.
 *
 * `type` receives class-transformer's help options, so it can pick a class from
 * the raw value (used for `structured_content`, whose class depends on its `type`).
 */
export function NestedObject(type: NestedClassPicker): PropertyDecorator {
  const isObject = IsObjectValue();
  const nested = ValidateNested();
  const transform = Type(type);
  return (target: object, property: string | symbol): void => {
    isObject(target, property);
    nested(target, property);
    transform(target, property as string);
  };
}

/**
 * An array of nested objects, each validated as the DTO class `type` returns:
 * when present it must be an array (rule `isArray`) of objects (rule `isObject`).
 */
export function NestedObjectArray(type: NestedClassPicker): PropertyDecorator {
  const isArray = IsArrayValue();
  // class-validator's nested validation silently skips `undefined` items and
  // descends into nested arrays (so `[[{...}]]` would pass): check items here.
  const items = ValidateBy({
    name: 'isObject',
    validator: {
      validate: (value: unknown): boolean => !Array.isArray(value) || value.every(isObjectValue),
      defaultMessage: (args: ValidationArguments): string => {
        const list = args.value as unknown[];
        const index = list.findIndex((item) => !isObjectValue(item));
        return `each item of ${args.property} must be an object (item ${index} is ${describeValue(list[index])})`;
      },
    },
  });
  const nested = ValidateNested();
  const transform = Type(type);
  return (target: object, property: string | symbol): void => {
    isArray(target, property);
    items(target, property);
    nested(target, property);
    transform(target, property as string);
  };
}
