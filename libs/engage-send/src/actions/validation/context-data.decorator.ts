import { ValidateBy, type ValidationArguments } from 'class-validator';
import { IsObjectValue, isObjectValue } from './basic-rules.decorators.js';
import { describeValue } from './value-description.js';

/** Engage accepts only letters and hyphens in context data keys. Compiled once. */
const CONTEXT_DATA_KEY = /^[a-zA-Z-]+$/;

function isContextDataValue(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function badKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => !CONTEXT_DATA_KEY.test(key));
}

function badValueKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined && !isContextDataValue(value[key]));
}

/**
 * `context_data`: an object whose keys match `/^[a-zA-Z-]+$/` (rule
 * `contextDataKeys`) and whose values are strings or arrays of strings (rule
 * `contextDataValues`); rule `isObject` when it is not an object. The messages
 * list every offending key.
 */
export function IsContextData(): PropertyDecorator {
  const isObject = IsObjectValue();
  const keys = ValidateBy({
    name: 'contextDataKeys',
    validator: {
      validate: (value: unknown): boolean => !isObjectValue(value) || badKeys(value).length === 0,
      defaultMessage: (args: ValidationArguments): string =>
        `${args.property} keys may contain only letters and hyphens: ${badKeys(args.value as Record<string, unknown>)
          .map((key) => JSON.stringify(key))
          .join(', ')}`,
    },
  });
  const values = ValidateBy({
    name: 'contextDataValues',
    validator: {
      validate: (value: unknown): boolean => !isObjectValue(value) || badValueKeys(value).length === 0,
      defaultMessage: (args: ValidationArguments): string => {
        const data = args.value as Record<string, unknown>;
        return `${args.property} values must be strings or arrays of strings: ${badValueKeys(data)
          .map((key) => `${JSON.stringify(key)} is ${describeValue(data[key])}`)
          .join(', ')}`;
      },
    },
  });
  return (target: object, property: string | symbol): void => {
    isObject(target, property);
    keys(target, property);
    values(target, property);
  };
}
