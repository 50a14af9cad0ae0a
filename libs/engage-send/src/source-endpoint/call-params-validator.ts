import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import {
  AGENT_MESSAGE,
  AGENT_PRIVATE_MESSAGE,
  AGENT_THREAD,
  CONTENT_ID_CALL,
  CUSTOM_ACTION_CALL,
  LIST_CALL,
  QUEUING_UPDATE_CALL,
  type ObjectRule,
} from '../contract/index.js';
import { contractFieldsOf, dtoFor } from '../dto/contract-object.decorator.js';
import type { EngageFieldError } from '../errors/validation.error.js';
import { ContractChecker } from '../validation/contract-checker.js';
import { isDataObject } from '../validation/data-object.js';
import { FieldErrorCollector } from '../validation/field-errors.js';
import { listableParams } from '../validation/listable-params.js';
import type { ParsedCallAction } from './engage-call-action.js';
// The DTO classes register themselves with the contract when loaded.
import './dto/index.js';

const AGENT_CONTENTS: Readonly<Record<string, ObjectRule>> = {
  messages: AGENT_MESSAGE,
  private_messages: AGENT_PRIVATE_MESSAGE,
  threads: AGENT_THREAD,
};

/** The contract object of a call's params; `undefined` for `implementation.info`, which has none. */
export function callParamsRule(call: ParsedCallAction): ObjectRule | undefined {
  switch (call.kind) {
    case 'info':
      return undefined;
    case 'queuing_update':
      return QUEUING_UPDATE_CALL;
    case 'list':
      return LIST_CALL;
    case 'create':
      return AGENT_CONTENTS[call.object];
    case 'custom':
      return CUSTOM_ACTION_CALL;
    default:
      return CONTENT_ID_CALL;
  }
}

// Every rule of the contract, in one linear walk; fields it does not name are
// kept as given (Engage may add some), keys naming Object.prototype members dropped.
const checker = new ContractChecker({ level: 'strict', unknownProperties: 'forward' });
const LISTING_OPTIONS: ValidatorOptions = { forbidUnknownValues: true, validationError: { target: true, value: false } };

/** Outcome of {@link validateCallParams}: the params to hand the handler, or the problems found (at most a few). */
export type CallParamsValidation = { ok: true; value: object } | { ok: false; errors: EngageFieldError[] };

/**
 * Checks a call's `params` (absent counts as `{}`) against its contract
 * object: accepted at once by the contract checker, as the send side's
 * params are; refused ones are listed by class-validator with the DTOs'
 * decorators, within the bounds that keep listing fast whatever the shape.
 */
export function validateCallParams(call: ParsedCallAction, params: unknown): CallParamsValidation {
  const rule = callParamsRule(call);
  if (rule === undefined) return { ok: true, value: {} };
  const given = params ?? {};
  const checked = checker.checkObject(rule, given);
  if (checked.ok) return { ok: true, value: checked.value };
  const { path, rule: failed, message } = checked.failure;
  const errors = new FieldErrorCollector(contractFieldsOf);
  errors.add(path, { [failed]: message });
  const listable = isDataObject(given) ? listableParams(given) : undefined;
  if (listable !== undefined) {
    const instance = plainToInstance(dtoFor(rule), listable, { enableImplicitConversion: false, exposeDefaultValues: false });
    errors.addValidationErrors(validateSync(instance, LISTING_OPTIONS), 'params');
  }
  return { ok: false, errors: errors.toArray() };
}
