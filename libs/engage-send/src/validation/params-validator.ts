import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { isEngageAction, RELAXING_SOURCE_OPTIONS, type EngageAction } from '../contract/index.js';
import { ACTION_PARAMS_DTOS } from '../dto/action-params.map.js';
import { contractFieldsOf } from '../dto/contract-object.decorator.js';
import { REJECT_IGNORED_GROUP, withoutOptionGroup } from '../dto/field-validators.js';
import type { EngageFieldError } from '../errors/validation.error.js';
import { ContractChecker, type IgnoredProperty, type UnknownPropertiesMode } from './contract-checker.js';
import { FieldErrorCollector } from './field-errors.js';
import { listableParams } from './listable-params.js';
import { RuleMessages } from './rule-messages.js';

/** Options of a {@link ParamsValidator}. */
export interface ParamsValidatorOptions {
  /** What to do with properties Engage would ignore (see {@link UnknownPropertiesMode}). Default `'forward'`. */
  unknownProperties?: UnknownPropertiesMode;
  /**
   * The source's options (its `implementation.info` declaration):
   * `threads.no_content` and `messages.unthreaded` relax required fields;
   * the others change no send-side rule.
   */
  sourceOptions?: readonly string[];
}

/** Outcome of {@link ParamsValidator.validate}: the params to send, or the problems found. */
export type ParamsValidation =
  | {
      ok: true;
      /** What to serialise: the caller's object when nothing had to go, else a copy. */
      value: object;
      /** Properties Engage would ignore (forwarded or stripped), at most a few; for warnings. */
      ignored: readonly IgnoredProperty[] | undefined;
    }
  | {
      ok: false;
      /** The problems, the contract checker's first; at most `MAX_LISTED_ERRORS`. */
      errors: EngageFieldError[];
      /** Problems found but not listed; `undefined` when the params were too large to look for more than the first. */
      unlisted: number | undefined;
    };

/**
 * Validates the params of a Send API action against the contract, before
 * anything is sent. Build one per registration and reuse it.
 *
 * The contract checker decides, in one walk linear in the params' size:
 * valid params are accepted at once (nearly every send). Refused ones are then
 * listed by class-validator with the DTO classes' decorators (built from the
 * same contract, worded the same), so the caller sees every problem at once,
 * within bounds that keep listing fast whatever the params' shape.
 */
export class ParamsValidator {
  private readonly checker: ContractChecker;
  private readonly validatorOptions: ValidatorOptions;
  private readonly rejectsReserved: boolean;

  constructor(options: ParamsValidatorOptions = {}) {
    const mode = options.unknownProperties ?? 'forward';
    if (mode !== 'reject' && mode !== 'strip' && mode !== 'forward') {
      throw new TypeError(`unknownProperties must be 'reject', 'strip' or 'forward', got ${String(mode)}`);
    }
    this.rejectsReserved = mode === 'reject';
    const declared = new Set(options.sourceOptions ?? []);
    this.checker = new ContractChecker({ level: 'strict', sourceOptions: declared, unknownProperties: mode });
    this.validatorOptions = {
      whitelist: mode === 'reject',
      forbidNonWhitelisted: mode === 'reject',
      forbidUnknownValues: true,
      // A presence rule a source option lifts is in a group, active unless the option is declared.
      groups: [
        ...RELAXING_SOURCE_OPTIONS.filter((option) => !declared.has(option)).map(withoutOptionGroup),
        ...(mode === 'reject' ? [REJECT_IGNORED_GROUP] : []),
      ],
      always: true,
      // `target` names the DTO class for "did you mean" hints; values stay out of errors.
      validationError: { target: true, value: false },
    };
  }

  /**
   * Validates `params` for `action`. Never modifies `params`. On success,
   * `value` is what to serialise with `JSON.stringify` (dates stay `Date`s,
   * sent as ISO 8601). On failure, each error has a dotted path from the
   * request root (`params.author.id`, `params.attachments.0.url`).
   */
  validate(action: EngageAction, params: unknown): ParamsValidation {
    if (!isEngageAction(action)) {
      return { ok: false, errors: [{ path: 'action', constraints: { isEngageAction: `action must be a Send API action, got ${String(action).slice(0, 40)}` } }], unlisted: 0 };
    }
    const checked = this.checker.check(action, params);
    if (checked.ok) return { ok: true, value: checked.value, ignored: checked.ignored };
    const { path, rule, message } = checked.failure;
    const errors = new FieldErrorCollector(contractFieldsOf);
    errors.add(path, { [rule]: message });
    // class-validator never sees keys naming Object.prototype members: in 'reject' mode they are listed here.
    const onReservedKey = this.rejectsReserved ? (at: string) => errors.add(at, { reservedProperty: RuleMessages.reserved(at.slice(at.lastIndexOf('.') + 1)) }) : undefined;
    const listable = typeof params === 'object' && params !== null && !Array.isArray(params) ? listableParams(params as Record<string, unknown>, onReservedKey) : undefined;
    if (listable === undefined) return { ok: false, errors: errors.toArray(), unlisted: path === 'params' ? 0 : undefined };
    const instance = plainToInstance(ACTION_PARAMS_DTOS[action], listable, { enableImplicitConversion: false, exposeDefaultValues: false });
    errors.addValidationErrors(validateSync(instance, this.validatorOptions), 'params');
    return { ok: false, errors: errors.toArray(), unlisted: errors.unlisted };
  }
}

