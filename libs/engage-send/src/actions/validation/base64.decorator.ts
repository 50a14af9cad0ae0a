import { ValidateBy, type ValidationArguments } from 'class-validator';

/*
 * Standard base64 (RFC 4648 §4: `A-Z a-z 0-9 + /`, `=` padding, no line breaks),
 * checked as one character class plus a length test rather than validator.js's
 * grouped pattern: attachments may be megabytes long, and a flat class scans
 * linearly without backtracking. Compiled once.
 */
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

/** Whether `value` is padded standard base64. */
export function isBase64(value: string): boolean {
  return value.length % 4 === 0 && BASE64_CHARS.test(value);
}

/** The value, when a non-empty string, is padded standard base64. Rule name `isBase64`. */
export function IsBase64Content(): PropertyDecorator {
  return ValidateBy({
    name: 'isBase64',
    validator: {
      validate: (value: unknown): boolean => typeof value !== 'string' || value === '' || isBase64(value),
      defaultMessage: (args: ValidationArguments): string =>
        `${args.property} must be standard base64 (A-Z, a-z, 0-9, +, /, padded with =, no line breaks)`,
    },
  });
}
