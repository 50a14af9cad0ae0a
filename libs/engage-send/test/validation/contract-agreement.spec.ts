import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { ACTION_PARAMS, RELAXING_SOURCE_OPTIONS, type EngageAction } from '../../src/contract/index.js';
import { ACTION_PARAMS_DTOS } from '../../src/dto/action-params.map.js';
import * as dtos from '../../src/dto/index.js';
import { withoutOptionGroup } from '../../src/dto/field-validators.js';
import { ContractChecker } from '../../src/validation/contract-checker.js';
import { ACTIONS, invalidParams, validParams } from '../property/arbitraries.js';
import { INVALID_CASES, VALID_CASES } from './field-rules.cases.js';

// One contract, two readers: the contract checker (the client's fast path and
// the emulator) and the DTOs' class-validator decorators (built from the same
// rules). They must take the same decisions; and the checker's first problem
// must be one class-validator names too.
//
// Reproducible: a fixed seed, overridable with FC_SEED=<integer>;
// FC_RUNS_FACTOR=<n> multiplies the numbers of generated params.

const seed = process.env['FC_SEED'] ? Number(process.env['FC_SEED']) : 20_261_130;
const factor = process.env['FC_RUNS_FACTOR'] ? Number(process.env['FC_RUNS_FACTOR']) : 1;
const RUNS = Math.max(1, Math.round(300 * factor));

/** class-validator alone, as a Nest ValidationPipe would run it on these DTOs (forwarding what Engage ignores). */
function classValidatorPaths(action: EngageAction, params: unknown, sourceOptions: readonly string[] = []): string[] {
  const instance = plainToInstance(ACTION_PARAMS_DTOS[action], params);
  const groups = RELAXING_SOURCE_OPTIONS.filter((option) => !sourceOptions.includes(option)).map(withoutOptionGroup);
  const errors = validateSync(instance, { groups, always: true, forbidUnknownValues: true });
  const paths: string[] = [];
  const walk = (list: typeof errors, prefix: string): void => {
    for (const error of list) {
      const path = `${prefix}.${error.property}`;
      if (error.constraints && Object.keys(error.constraints).some((rule) => rule !== 'nestedValidation')) paths.push(path);
      if (error.children) walk(error.children, path);
    }
  };
  walk(errors, 'params');
  return paths;
}

describe('the contract checker and the DTOs agree', () => {
  it('every DTO class follows exactly the fields of its contract object', () => {
    for (const action of ACTIONS) {
      const metadata = (ACTION_PARAMS_DTOS[action] as unknown as { _OPENAPI_METADATA_FACTORY: () => Record<string, unknown> })._OPENAPI_METADATA_FACTORY();
      expect(Object.keys(metadata).sort()).toEqual(Object.keys(ACTION_PARAMS[action].fields).sort());
    }
    expect(Object.keys(dtos).length).toBeGreaterThan(20);
  });

  it.each(ACTIONS)('on generated valid %s params: both accept', (action) => {
    const checker = new ContractChecker({ level: 'strict' });
    fc.assert(
      fc.property(validParams(action), (params) => {
        expect(checker.check(action, params).ok).toBe(true);
        expect(classValidatorPaths(action, params)).toEqual([]);
      }),
      { numRuns: RUNS, seed },
    );
  });

  it.each(ACTIONS)('on generated invalid %s params: both refuse, and class-validator names the checker\'s field', (action) => {
    const checker = new ContractChecker({ level: 'strict' });
    fc.assert(
      fc.property(invalidParams(action), (c) => {
        const checked = checker.check(action, c.params);
        if (checked.ok) throw new Error(`the checker accepted ${c.rule} (${c.detail})`);
        const named = classValidatorPaths(action, c.params);
        expect({ rule: c.rule, field: checked.failure.path, namedByClassValidator: named.includes(checked.failure.path) || named.some((p) => checked.failure.path.startsWith(`${p}.`)) }).toEqual({
          rule: c.rule,
          field: checked.failure.path,
          namedByClassValidator: true,
        });
      }),
      { numRuns: RUNS, seed },
    );
  });

  it('on the table of field rules: the same decisions', () => {
    for (const c of VALID_CASES) {
      expect([c.name, new ContractChecker({ level: 'strict', sourceOptions: c.sourceOptions }).check(c.action, c.params).ok]).toEqual([c.name, true]);
      expect([c.name, classValidatorPaths(c.action, c.params, c.sourceOptions)]).toEqual([c.name, []]);
    }
    // Not JSON data (functions, bigints, class instances): class-transformer would construct or copy them, not list them.
    const jsonData = (k: (typeof INVALID_CASES)[number]): boolean => !/JSON data/.test(k.rule);
    for (const c of INVALID_CASES.filter((k) => k.mode === undefined && k.path !== 'params' && !k.pathPrefix && jsonData(k))) {
      const checked = new ContractChecker({ level: 'strict', sourceOptions: c.sourceOptions }).check(c.action, c.params);
      expect([c.rule, checked.ok]).toEqual([c.rule, false]);
      expect([c.rule, classValidatorPaths(c.action, c.params, c.sourceOptions).length > 0]).toEqual([c.rule, true]);
    }
  });
});

describe('the emulator reads the same contract at Engage\'s level', () => {
  const engage = new ContractChecker({ level: 'engage' });

  it('takes everything the client takes', () => {
    for (const c of VALID_CASES.filter((k) => k.sourceOptions === undefined)) expect([c.name, engage.check(c.action, c.params).ok]).toEqual([c.name, true]);
  });

  it('refuses what Engage certainly refuses: missing required fields and dates that are no date', () => {
    expect(engage.check('messages.create', { id: '1', author: { id: 'a', screenname: 'A' }, body: 'x' })).toMatchObject({ ok: false, failure: { path: 'params.thread_id', refusal: 'invalidResourceFormat' } });
    expect(engage.check('users.create', { id: '1', screenname: 'J', created_at: 'yesterday' })).toMatchObject({ ok: false, failure: { path: 'params.created_at' } });
    expect(engage.check('messages.create', { id: '1', thread_id: 't', author: { id: 'a', screenname: 'A', puppetizable: true }, structured_content: { type: 'select' } })).toMatchObject({
      ok: false,
      failure: { path: 'params.structured_content.items', refusal: 'structuredContentAttributeEmpty' },
    });
  });

  it('does not refuse what Engage may take: types, lengths, enums, counts, formats', () => {
    const lenient = { id: 1, thread_id: 't', author: { id: 'a', screenname: 'A', gender: 'other' }, body: 'x'.repeat(30_000), format: 'markdown', ip: 'nope', attachments: [{ url: 'ftp://x' }] };
    expect(engage.check('messages.create', lenient).ok).toBe(true);
    expect(new ContractChecker({ level: 'strict' }).check('messages.create', lenient).ok).toBe(false);
  });
});
