import 'reflect-metadata';
import { plainToInstance, type ClassTransformOptions } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import type { EngageFieldError } from '../errors/validation.error.js';
import { ACTION_PARAMS_DTOS } from './action-params.map.js';
import { isEngageAction, type EngageAction } from './engage-action.js';
import type { UnknownPropertiesMode } from './unknown-properties.js';
import { CompiledChecker } from './validation/compiled-checker.js';
import { FieldErrorCollector } from './validation/field-errors.js';
import { inspectParams } from './validation/params-inspector.js';
import { BASE_VALIDATION_GROUP, VALIDATION_SOURCE_OPTIONS } from './validation/source-option-groups.js';
import { describeValue } from './validation/value-description.js';

/** Options of a {@link ParamsValidator}. */
export interface ParamsValidatorOptions {
  /**
   * What to do with properties the Send API contract does not define
   * (see {@link UnknownPropertiesMode}). Default `'reject'`.
   */
  unknownProperties?: UnknownPropertiesMode;
  /**
   * The Engage source's options (as declared in its `implementation.info`
   * answer), e.g. `'threads.no_content'` (a thread's `author` and `body` become
   * optional) or `'messages.unthreaded'` (`thread_id` becomes optional). Options
   * that change no rule are ignored.
   */
  sourceOptions?: readonly string[];
  /**
   * Accept valid params through the compiled checker (see
   * validation/compiled-checker.ts) before falling back to class-validator.
   * Default `true`; `false` always takes the slow path (for tests comparing both).
   *
   * @internal
   */
  fastPath?: boolean;
}

/**
 * Outcome of {@link ParamsValidator.validate}: the params to send, or every
 * field error found.
 */
export type ParamsValidation = { ok: true; value: object } | { ok: false; errors: EngageFieldError[] };

/**
 * Validates the params of a Send API action against the contract, before
 * anything is sent. Build one per configuration and reuse it: everything that
 * can be prepared is prepared in the constructor, since `validate` runs on every send.
 *
 * The rules are the DTO classes' class-validator decorators. Valid params are
 * accepted by a checker compiled from those decorators (a few µs); anything
 * else goes through class-transformer + class-validator (tens of µs), which
 * produce the errors. Both return the same value for the same params.
 */
export class ParamsValidator {
  private readonly mode: UnknownPropertiesMode;
  private readonly validatorOptions: ValidatorOptions;
  private readonly transformOptions: ClassTransformOptions;
  /** The fast accept path, built from the same options; `undefined` when turned off. */
  private readonly checker: CompiledChecker | undefined;

  constructor(options: ParamsValidatorOptions = {}) {
    this.mode = options.unknownProperties ?? 'reject';
    if (this.mode !== 'reject' && this.mode !== 'strip' && this.mode !== 'forward') {
      throw new TypeError(`unknownProperties must be 'reject', 'strip' or 'forward', got ${String(this.mode)}`);
    }
    const optionGroups = (options.sourceOptions ?? []).filter((option) => VALIDATION_SOURCE_OPTIONS.includes(option));
    this.validatorOptions = {
      // 'reject' reports unknown properties; 'strip' deletes them from the
      // instance (class-transformer's copy, never the caller's object);
      // 'forward' leaves them.
      whitelist: this.mode !== 'forward',
      forbidNonWhitelisted: this.mode === 'reject',
      forbidUnknownValues: true,
      // Source-option rules are groups (see source-option-groups.ts); `always`
      // keeps every ungrouped rule on.
      groups: [BASE_VALIDATION_GROUP, ...new Set(optionGroups)],
      always: true,
      // `target` names the DTO class for "did you mean" hints; values stay out of errors.
      validationError: { target: true, value: false },
    };
    // Defaults, spelled out: no implicit conversion (a numeric id must stay a
    // number and fail), no default values added, keys exactly as given.
    this.transformOptions = { enableImplicitConversion: false, exposeDefaultValues: false };
    this.checker =
      options.fastPath === false
        ? undefined
        : new CompiledChecker({
            validatorOptions: this.validatorOptions,
            transformOptions: this.transformOptions,
            roots: Object.values(ACTION_PARAMS_DTOS),
          });
  }

  /**
   * Validates `params` for `action`.
   *
   * On success, `value` is what to serialise with JSON.stringify and send: a
   * copy holding exactly the caller's fields ('reject'), without unknown ones at
   * any depth ('strip'), or with them ('forward'); keys naming Object.prototype
   * members (`__proto__`, `constructor`…) are never kept. Dates stay `Date`s
   * (JSON.stringify sends ISO 8601). The caller's object is never modified.
   *
   * On failure, `errors` lists every problem, each with a dotted path from the
   * request root (`params.author.id`, `params.attachments.0.url`).
   */
  validate(action: EngageAction, params: unknown): ParamsValidation {
    if (!isEngageAction(action)) {
      return failure('action', { isEngageAction: `action must be a Send API action, got ${describeValue(action)}` });
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      return failure('params', { isObject: `params must be an object, got ${describeValue(params)}` });
    }

    // Valid params (nearly every send) are accepted by the compiled checker,
    // which returns what the slow path would; anything else is decided below.
    const accepted = this.checker?.accept(ACTION_PARAMS_DTOS[action], params);
    if (accepted !== undefined) return { ok: true, value: accepted };

    const inspection = inspectParams(params, this.mode === 'reject');
    const instance = plainToInstance(ACTION_PARAMS_DTOS[action], inspection.data, this.transformOptions);
    const validationErrors = validateSync(instance, this.validatorOptions);

    if (inspection.errors.length === 0 && validationErrors.length === 0) return { ok: true, value: instance };
    const errors = new FieldErrorCollector();
    errors.addAll(inspection.errors);
    errors.addValidationErrors(validationErrors, 'params');
    return { ok: false, errors: errors.toArray() };
  }

  /**
   * What the fast path alone makes of `params` (an object) for `action`: the
   * value `validate` would return, or `undefined` when it leaves the decision
   * to the slow path (invalid params, or something it does not vouch for).
   * For tests proving both paths agree.
   *
   * @internal
   */
  tryFast(action: EngageAction, params: object): object | undefined {
    return this.checker?.accept(ACTION_PARAMS_DTOS[action], params);
  }
}

function failure(path: string, constraints: Record<string, string>): ParamsValidation {
  return { ok: false, errors: [{ path, constraints }] };
}
