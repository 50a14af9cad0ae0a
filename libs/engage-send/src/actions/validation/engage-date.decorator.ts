import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { describeValue } from './value-description.js';

/** Options of {@link IsEngageDate}. */
export interface EngageDateOptions {
  /**
   * Also accept `dd/mm/yyyy` (e.g. `07/11/2019`), the form the Send API page's
   * own examples send for an author's `created_at`. Only for embedded users
   * (`author`, `recipient`); everything else is ISO 8601 only.
   */
  legacyDayMonthYear?: boolean;
}

/*
 * ISO 8601 as Engage documents it: a calendar date (`2012-02-10`) or a date-time
 * (`2012-10-01T17:18:40Z`), with optional seconds, fraction and offset
 * (`Z`, `+02:00`, `+0200`, `+02`). Compiled once: validation runs on every send.
 * Groups: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second, 7 offset hours, 8 offset minutes.
 */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)?)?$/;
/** Groups: 1 day, 2 month, 3 year. */
const DAY_MONTH_YEAR = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** Whether `value` is an ISO 8601 date or date-time naming a real calendar day and time. */
export function isIso8601(value: string): boolean {
  const m = ISO_8601.exec(value);
  if (!m) return false;
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return false;
  if (m[6] !== undefined && Number(m[6]) > 59) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || (m[8] !== undefined && Number(m[8]) > 59))) return false;
  return true;
}

/** Whether `value` is a real `dd/mm/yyyy` date. */
export function isDayMonthYear(value: string): boolean {
  const m = DAY_MONTH_YEAR.exec(value);
  return m !== null && isCalendarDate(Number(m[3]), Number(m[2]), Number(m[1]));
}

/**
 * Whether `value` is a date Engage accepts: an ISO 8601 string, a valid `Date`
 * (JSON.stringify sends it as ISO 8601; its year must fit the four digits ISO
 * output uses), or with `legacyDayMonthYear` a `dd/mm/yyyy` string.
 */
export function isEngageDate(value: unknown, options: EngageDateOptions = {}): boolean {
  if (typeof value === 'string') return isIso8601(value) || (options.legacyDayMonthYear === true && isDayMonthYear(value));
  if (value instanceof Date) {
    const year = value.getUTCFullYear(); // NaN for an invalid Date
    return year >= 0 && year <= 9999;
  }
  return false;
}

/**
 * The value, when present, is a date Engage accepts (see {@link isEngageDate}).
 * Rule name `isEngageDate`.
 */
export function IsEngageDate(dateOptions: EngageDateOptions = {}, options?: ValidationOptions): PropertyDecorator {
  const forms = dateOptions.legacyDayMonthYear
    ? `an ISO 8601 date ("2012-02-10" or "2012-10-01T17:18:40Z"), a dd/mm/yyyy date ("07/11/2019") or a valid Date`
    : `an ISO 8601 date ("2012-02-10" or "2012-10-01T17:18:40Z") or a valid Date`;
  return ValidateBy(
    {
      name: 'isEngageDate',
      constraints: [dateOptions],
      validator: {
        validate: (value: unknown): boolean => value === undefined || value === null || isEngageDate(value, dateOptions),
        defaultMessage: (args: ValidationArguments): string =>
          `${args.property} must be ${forms}, got ${
            typeof args.value === 'string' ? JSON.stringify(args.value) : describeValue(args.value)
          }`,
      },
    },
    options,
  );
}
