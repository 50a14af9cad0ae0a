import type { ClassTransformOptions } from 'class-transformer';
import type { ValidatorOptions } from 'class-validator';
import type { PlanGroups } from './compile-plan.js';

/*
 * The fast path mirrors `plainToInstance` and `validateSync` for the options
 * ParamsValidator passes them, read from the very option objects it passes.
 * An option it does not mirror (set to anything but its default) disables the
 * fast path altogether instead of being silently ignored: every send then
 * takes the slow path, as before.
 */

/** The `validateSync` behaviour the fast path reproduces. */
export interface MirroredSettings extends PlanGroups {
  /** Unknown properties are refused (`whitelist` + `forbidNonWhitelisted`). */
  readonly rejectUnknown: boolean;
  /** Unknown properties are deleted from the instance (`whitelist` alone). */
  readonly stripUnknown: boolean;
  /** An object whose class has no rule is an error (class-validator's default). */
  readonly forbidUnknownValues: boolean;
}

/** Options that change only error details (messages, error objects), never whether params pass. */
const VERDICT_NEUTRAL_VALIDATOR_OPTIONS: ReadonlySet<string> = new Set([
  'validationError',
  'stopAtFirstError',
  'dismissDefaultMessages',
  'enableDebugMessages',
]);

/** Options mirrored as they are. */
const MIRRORED_VALIDATOR_OPTIONS: ReadonlySet<string> = new Set([
  'whitelist',
  'forbidNonWhitelisted',
  'forbidUnknownValues',
  'groups',
  'always',
  'strictGroups',
]);

/**
 * class-transformer options the fast path's copy assumes, with the values that
 * mean "default" (class-transformer's `defaultOptions`).
 */
const DEFAULT_TRANSFORM_OPTIONS: Readonly<Record<string, (value: unknown) => boolean>> = {
  enableImplicitConversion: (value) => value === undefined || value === false,
  exposeDefaultValues: (value) => value === undefined || value === false,
  exposeUnsetFields: (value) => value === undefined || value === true,
  enableCircularCheck: (value) => value === undefined || value === false,
  excludeExtraneousValues: (value) => value === undefined || value === false,
  ignoreDecorators: (value) => value === undefined || value === false,
  strategy: (value) => value === undefined || value === 'exposeAll',
  groups: isEmptyList,
  version: (value) => value === undefined,
  excludePrefixes: isEmptyList,
  targetMaps: isEmptyList,
};

function isEmptyList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * The settings the fast path runs with for these options, or why it can't
 * mirror them (then it stays off).
 */
export function mirroredSettings(
  validatorOptions: ValidatorOptions,
  transformOptions: ClassTransformOptions,
): MirroredSettings | { unsupported: string } {
  for (const [key, value] of Object.entries(validatorOptions)) {
    if (value === undefined || MIRRORED_VALIDATOR_OPTIONS.has(key) || VERDICT_NEUTRAL_VALIDATOR_OPTIONS.has(key)) continue;
    // skipMissingProperties & co., and whatever class-validator adds later.
    if (value !== false) return { unsupported: `validator option ${key}` };
  }
  for (const [key, value] of Object.entries(transformOptions)) {
    const isDefault = DEFAULT_TRANSFORM_OPTIONS[key];
    if (isDefault === undefined ? value !== undefined : !isDefault(value)) return { unsupported: `transform option ${key}` };
  }
  // Truthiness, as class-validator reads them.
  const whitelist = Boolean(validatorOptions.whitelist);
  const forbid = Boolean(validatorOptions.forbidNonWhitelisted);
  return {
    rejectUnknown: whitelist && forbid,
    stripUnknown: whitelist && !forbid,
    // class-validator: on unless explicitly false.
    forbidUnknownValues: validatorOptions.forbidUnknownValues !== false,
    groups: validatorOptions.groups,
    always: Boolean(validatorOptions.always),
    strictGroups: Boolean(validatorOptions.strictGroups),
  };
}
