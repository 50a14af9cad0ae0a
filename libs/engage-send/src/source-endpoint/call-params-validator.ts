import 'reflect-metadata';
import { plainToInstance, type ClassTransformOptions } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { CompiledChecker } from '../actions/validation/compiled-checker.js';
import { FieldErrorCollector } from '../actions/validation/field-errors.js';
import { isObjectValue } from '../actions/validation/basic-rules.decorators.js';
import type { EngageFieldError } from '../errors/validation.error.js';
import type { ParsedCallAction } from './engage-call-action.js';
import { AgentMessageDto } from './dto/agent-message.dto.js';
import { AgentPrivateMessageDto } from './dto/agent-private-message.dto.js';
import { AgentThreadDto } from './dto/agent-thread.dto.js';
import { ContentIdCallDto } from './dto/content-id-call.dto.js';
import { CustomActionCallDto } from './dto/custom-action-call.dto.js';
import { ListCallDto } from './dto/list-call.dto.js';
import { QueuingUpdateCallDto } from './dto/queuing-update-call.dto.js';
import { MAX_PARAMS_DEPTH, tooDeepPath } from './params-shape.js';

type CallDto = new () => object;

const AGENT_CONTENT_DTOS: Readonly<Record<string, CallDto>> = {
  messages: AgentMessageDto,
  private_messages: AgentPrivateMessageDto,
  threads: AgentThreadDto,
};

/** The DTO class of a call's params; `undefined` for `implementation.info`, which has none. */
export function callParamsDto(call: ParsedCallAction): CallDto | undefined {
  switch (call.kind) {
    case 'info':
      return undefined;
    case 'queuing_update':
      return QueuingUpdateCallDto;
    case 'list':
      return ListCallDto;
    case 'create':
      return AGENT_CONTENT_DTOS[call.object];
    case 'custom':
      return CustomActionCallDto;
    default:
      return ContentIdCallDto;
  }
}

// Fields the contract does not name are kept (Engage may add some); only
// the named ones are checked. No implicit conversion: a numeric id stays a
// number and is refused.
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: false,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};
const TRANSFORM_OPTIONS: ClassTransformOptions = { enableImplicitConversion: false, exposeDefaultValues: false };

// Valid params (nearly every call) are accepted by the checker the send side
// uses, compiled from the same decorators; anything else goes through
// class-transformer + class-validator, which give the errors.
const checker = new CompiledChecker({
  validatorOptions: VALIDATOR_OPTIONS,
  transformOptions: TRANSFORM_OPTIONS,
  roots: [...Object.values(AGENT_CONTENT_DTOS), ListCallDto, ContentIdCallDto, CustomActionCallDto, QueuingUpdateCallDto],
});

/**
 * Items of one array the slow path validates at once. class-validator visits
 * every item and builds an error object per failure (seconds for a 1 MiB body
 * of bad items); in windows of this size, a call is answered in milliseconds
 * with the errors of the first window that has any.
 */
const ERROR_WINDOW = 100;

/** Outcome of {@link validateCallParams}: the params as a DTO instance, or every field error. */
export type CallParamsValidation = { ok: true; value: object } | { ok: false; errors: EngageFieldError[] };

/**
 * Checks a call's `params` (absent counts as `{}`) against its DTO. On
 * success `value` is an instance of the DTO holding every field Engage sent.
 */
export function validateCallParams(call: ParsedCallAction, params: unknown): CallParamsValidation {
  const dto = callParamsDto(call);
  if (dto === undefined) return { ok: true, value: {} };
  const given = params ?? {};
  if (!isObjectValue(given)) return { ok: false, errors: [{ path: 'params', constraints: { isObject: 'params must be an object' } }] };
  const deep = tooDeepPath(given);
  if (deep !== undefined) return { ok: false, errors: [{ path: deep, constraints: { maxDepth: `nests more than ${MAX_PARAMS_DEPTH} levels deep` } }] };
  const accepted = checker.accept(dto, given);
  if (accepted !== undefined) return { ok: true, value: accepted };
  return slowValidation(dto, given);
}

/**
 * class-transformer + class-validator, bounded: long arrays are validated a
 * window at a time (the fast path finds the failing window), so the work and
 * the errors stay small whatever the body holds.
 */
function slowValidation(dto: CallDto, params: Record<string, unknown>): CallParamsValidation {
  const longArrays = Object.keys(params).filter((key) => Array.isArray(params[key]) && (params[key] as unknown[]).length > ERROR_WINDOW);
  if (longArrays.length === 0) return classValidatorErrors(dto, params, 'params');
  // Everything but the long arrays' tails first, then each tail window by window.
  const head = { ...params };
  for (const key of longArrays) head[key] = (params[key] as unknown[]).slice(0, ERROR_WINDOW);
  const headCheck = classValidatorErrors(dto, head, 'params');
  if (!headCheck.ok) return headCheck;
  for (const key of longArrays) {
    const items = params[key] as unknown[];
    for (let start = ERROR_WINDOW; start < items.length; start += ERROR_WINDOW) {
      const window = { ...head, [key]: items.slice(start, start + ERROR_WINDOW) };
      if (checker.accept(dto, window) !== undefined) continue;
      const check = classValidatorErrors(dto, window, 'params');
      if (check.ok) continue;
      // Paths name the items by their index in the whole array.
      const prefix = `params.${key}.`;
      const errors = check.errors.map((error) => {
        if (!error.path.startsWith(prefix)) return error;
        const [index, ...rest] = error.path.slice(prefix.length).split('.');
        return { ...error, path: [`params.${key}`, String(Number(index) + start), ...rest].join('.') };
      });
      return { ok: false, errors };
    }
  }
  // Every window passes: the whole does too (no rule looks at an array's length).
  return { ok: true, value: plainToInstance(dto, params, TRANSFORM_OPTIONS) };
}

function classValidatorErrors(dto: CallDto, params: object, path: string): CallParamsValidation {
  const instance = plainToInstance(dto, params, TRANSFORM_OPTIONS);
  const failures = validateSync(instance, VALIDATOR_OPTIONS);
  if (failures.length === 0) return { ok: true, value: instance };
  const errors = new FieldErrorCollector();
  errors.addValidationErrors(failures, path);
  return { ok: false, errors: errors.toArray() };
}
