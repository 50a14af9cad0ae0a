import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { countCodePoints, exceedsCodePoints } from './code-points.js';

/**
 * The value, when a string, has at most `max` characters, counted as Unicode
 * code points (an emoji is one character, as Engage counts them). Rule name
 * `maxLength`. Non-strings are left to the type rule of the field.
 *
 * class-validator's own `MaxLength` is not used: it counts through validator.js,
 * which also discounts variation selectors and allocates regex matches on every call.
 */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value: unknown): boolean => typeof value !== 'string' || !exceedsCodePoints(value, max),
        defaultMessage: (args: ValidationArguments): string =>
          `${args.property} must be at most ${max} characters long (got ${countCodePoints(args.value as string)})`,
      },
    },
    options,
  );
}
