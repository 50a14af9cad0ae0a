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
  const accepted = checker.accept(dto, given);
  if (accepted !== undefined) return { ok: true, value: accepted };
  const instance = plainToInstance(dto, given, TRANSFORM_OPTIONS);
  const failures = validateSync(instance, VALIDATOR_OPTIONS);
  if (failures.length === 0) return { ok: true, value: instance };
  const errors = new FieldErrorCollector();
  errors.addValidationErrors(failures, 'params');
  return { ok: false, errors: errors.toArray() };
}
