/*
 * Dates as Engage takes them. The Send API page says ISO 8601 (`2012-02-10`,
 * `2012-10-01T17:18:40Z`); its own examples send `dd/mm/yyyy` (`07/11/2019`);
 * the official Python SDK sends epoch milliseconds. Every reading is accepted
 * (spec, "Where the docs disagree" 1). Patterns are anchored and free of nested
 * quantifiers: matching is linear in the string's length.
 */

/** Calendar (`2012-02-10`, `20120210`, `2012-02`, `2012`), ordinal (`2012-041`) and week (`2012-W06-5`) dates; optional ±YYYYYY expanded year. */
const ISO_DATE =
  /^([+-]\d{6}|\d{4})(?:-(\d{2})(?:-(\d{2}))?|(\d{2})(\d{2})|-?(\d{3})|-?W(\d{2})(?:-?([1-7]))?)?$/;
/** `hh`, `hh:mm`, `hh:mm:ss`, `hhmm`, `hhmmss`, a fraction on the last part, then `Z`, `±hh`, `±hhmm` or `±hh:mm`. */
const ISO_TIME = /^(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?(?:[.,]\d+)?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)?$/;
/** `dd/mm/yyyy` and `d/m/yyyy`. */
const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** The span of valid JavaScript dates, in ms either side of the epoch. */
const MAX_EPOCH_MS = 8.64e15;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const year = Number(m[1]);
  if (m[2] !== undefined) return m[3] === undefined ? Number(m[2]) >= 1 && Number(m[2]) <= 12 : isCalendarDay(year, Number(m[2]), Number(m[3]));
  if (m[4] !== undefined) return isCalendarDay(year, Number(m[4]), Number(m[5]));
  if (m[6] !== undefined) return Number(m[6]) >= 1 && Number(m[6]) <= (isLeapYear(year) ? 366 : 365);
  if (m[7] !== undefined) return Number(m[7]) >= 1 && Number(m[7]) <= 53;
  return true; // a year alone
}

function isIsoTime(value: string): boolean {
  const m = ISO_TIME.exec(value);
  if (m === null) return false;
  const [hour, minute, second] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  // 24:00 is the end of a day; 60 seconds is a leap second.
  const timeOk = (hour < 24 || (hour === 24 && minute === 0 && second === 0)) && minute <= 59 && second <= 60;
  return timeOk && (m[4] === undefined || (Number(m[4]) <= 23 && Number(m[5] ?? 0) <= 59));
}

/** Whether `value` is an ISO 8601 date or date-time, in any of its forms (extended or basic, reduced precision, fractions, offsets). */
export function isIso8601(value: string): boolean {
  // `T` separates date and time (ISO 8601); RFC 3339 also allows a space.
  const separator = value.search(/[Tt ]/);
  if (separator === -1) return isIsoDate(value);
  return isIsoDate(value.slice(0, separator)) && isIsoTime(value.slice(separator + 1));
}

/** Whether `value` is a real `dd/mm/yyyy` (or `d/m/yyyy`) date. */
export function isDayMonthYear(value: string): boolean {
  const m = DAY_MONTH_YEAR.exec(value);
  return m !== null && isCalendarDay(Number(m[3]), Number(m[2]), Number(m[1]));
}

/**
 * Whether `value` is a date Engage takes: an ISO 8601 string, a `dd/mm/yyyy`
 * string, epoch milliseconds as a number, or a valid `Date` (JSON.stringify
 * sends it as ISO 8601).
 */
export function isEngageDate(value: unknown): boolean {
  if (typeof value === 'string') return isIso8601(value) || isDayMonthYear(value);
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_EPOCH_MS;
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** The accepted forms, in words, for messages and docs. */
export const ENGAGE_DATE_FORMS =
  'an ISO 8601 date or date-time ("2012-02-10", "2012-10-01T17:18:40Z", "20121001T171840+0200"), a dd/mm/yyyy date ("07/11/2019"), epoch milliseconds (a number) or a valid Date';
