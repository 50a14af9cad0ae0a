import { ENGAGE_DATE_FORMS, VALUE_FORMATS, type ValueFormat } from '../contract/index.js';
import { countCodePoints } from './code-points.js';
import { describeValue, quote, showValue } from './value-description.js';

/*
 * The wording of every validation failure, keyed by rule name. The contract
 * checker and the DTOs' class-validator decorators both word their failures
 * here, so a field gets the same message whichever found it. Messages name
 * the field and describe the value; they never copy more than a few dozen
 * characters of it.
 */

/** Rule names: the keys of `EngageFieldError.constraints`. */
export type RuleName =
  | 'isDefined'
  | 'isString'
  | 'isBoolean'
  | 'isEngageDate'
  | 'isArray'
  | 'isObject'
  | 'maxLength'
  | 'isIn'
  | 'isHttpUrl'
  | 'isLinkUrl'
  | 'isBase64'
  | 'isIp'
  | 'arrayMinSize'
  | 'arrayMaxSize'
  | 'contextDataKeys'
  | 'contextDataValues'
  | 'unknownProperty'
  | 'ignoredProperty'
  | 'reservedProperty'
  | 'isJsonData'
  | 'maxDepth';

export const RuleMessages = {
  required: (field: string, misspelt?: string): string =>
    misspelt === undefined ? `${field} is required` : `${field} is required (${quote(misspelt)} is given: did you mean "${field}"?)`,
  notString: (field: string, value: unknown): string => `${field} must be a string, got ${describeValue(value)}`,
  notBoolean: (field: string, value: unknown): string => `${field} must be a boolean, got ${describeValue(value)}`,
  notDate: (field: string, value: unknown): string => `${field} must be ${ENGAGE_DATE_FORMS}, got ${showValue(value)}`,
  notArray: (field: string, value: unknown): string => `${field} must be an array, got ${describeValue(value)}`,
  notObject: (field: string, value: unknown): string => `${field} must be an object, got ${describeValue(value)}`,
  notStringItem: (field: string, index: number, item: unknown): string => `each item of ${field} must be a string (item ${index} is ${describeValue(item)})`,
  notObjectItem: (field: string, index: number, item: unknown): string => `each item of ${field} must be an object (item ${index} is ${describeValue(item)})`,
  tooLong: (field: string, max: number, value: string): string => `${field} must be at most ${max} characters long (got ${countCodePoints(value)})`,
  notOneOf: (field: string, values: readonly string[], value: unknown): string =>
    `${field} must be one of ${values.map((v) => `"${v}"`).join(', ')}, got ${showValue(value)}`,
  badFormat: (field: string, format: ValueFormat, value: string): string => `${field} must be ${VALUE_FORMATS[format].expected}, got ${quote(value)}`,
  tooFew: (field: string, min: number): string => `${field} must contain at least ${min} item${min === 1 ? '' : 's'}`,
  tooMany: (field: string, max: number): string => `${field} must contain at most ${max} items`,
  badContextDataKey: (field: string, key: string): string => `${field} keys may only contain letters and hyphens (key ${quote(key)})`,
  badContextDataValue: (field: string, key: string): string => `${field}.${key.length > 40 ? `${key.slice(0, 40)}…` : key} must be a string or an array of strings`,
  unknown: (field: string, hint: string | undefined): string =>
    `property ${quote(field)} is not part of the Send API contract (Engage would ignore it)${hint === undefined ? '' : `; did you mean "${hint}"?`}`,
  ignoredHere: (field: string, condition: { field: string; value: string }): string =>
    `${field} is read by Engage only when ${condition.field} is "${condition.value}" (Engage would ignore it here)`,
  reserved: (field: string): string => `property ${quote(field)} is a reserved JavaScript name and is never sent`,
  notJson: (field: string, value: unknown): string =>
    `${field} must be JSON data (a string, finite number, boolean, null, array or plain object) or a Date, got ${describeValue(value)}`,
  tooDeep: (field: string, maxDepth: number): string => `${field} is nested more than ${maxDepth} levels deep (or is a circular reference)`,
} as const;
