import { describe, expect, it } from '@jest/globals';
import { inspect, isDeepStrictEqual } from 'node:util';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsOptional, ValidateNested, ValidatePromise } from 'class-validator';
import fc from 'fast-check';
import * as dtos from '../../src/actions/dto/index.js';
import { UnknownStructuredContentDto } from '../../src/actions/dto/structured-content/structured-content.dto.js';
import { ACTION_PARAMS_DTOS } from '../../src/actions/action-params.map.js';
import type { EngageAction } from '../../src/actions/engage-action.js';
import { ParamsValidator } from '../../src/actions/params-validator.js';
import type { UnknownPropertiesMode } from '../../src/actions/unknown-properties.js';
import { IsRequiredString } from '../../src/actions/validation/basic-rules.decorators.js';
import { CompiledChecker } from '../../src/actions/validation/compiled-checker.js';
import type { DtoClass } from '../../src/actions/validation/property-hints.js';
import { ACTIONS, invalidParams, validParams, type Params } from '../property/arbitraries.js';
import { INVALID_CASES, VALID_CASES } from './field-rules.cases.js';

// The fast accept path (validation/compiled-checker.ts) must agree with the
// slow path (plainToInstance + validateSync): whenever it accepts, the slow
// path accepts too and returns the same value (byte-identical JSON, same
// classes); it must actually accept valid params (not always fall back); and
// `validate` must return exactly the slow path's result either way.
//
// Reproducible: a fixed seed, overridable with FC_SEED=<integer>;
// FC_RUNS_FACTOR=<n> multiplies the numbers of generated params (the default
// keeps `npm test` quick; FC_RUNS_FACTOR=4 runs 2 000 valid and 2 000 invalid per action).

const seed = process.env['FC_SEED'] ? Number(process.env['FC_SEED']) : 20_251_117;
const factor = process.env['FC_RUNS_FACTOR'] ? Number(process.env['FC_RUNS_FACTOR']) : 1;
/** Generated valid params per action, and generated invalid params per action. */
const GENERATED_RUNS = Math.max(1, Math.round(500 * factor));

const MODES: readonly UnknownPropertiesMode[] = ['reject', 'strip', 'forward'];
/** Both source options relax rules: params invalid without them may be valid with them. */
const SOURCE_OPTIONS: readonly string[] = ['threads.no_content', 'messages.unthreaded'];

interface Pair {
  label: string;
  fast: ParamsValidator;
  slow: ParamsValidator;
}

function pair(mode: UnknownPropertiesMode, sourceOptions: readonly string[] = []): Pair {
  return {
    label: `${mode}${sourceOptions.length > 0 ? ` + ${sourceOptions.join(', ')}` : ''}`,
    fast: new ParamsValidator({ unknownProperties: mode, sourceOptions }),
    slow: new ParamsValidator({ unknownProperties: mode, sourceOptions, fastPath: false }),
  };
}

/** Validator pairs for generated params: every mode, and 'reject' with the source options. */
const PAIRS: readonly Pair[] = [...MODES.map((mode) => pair(mode)), pair('reject', SOURCE_OPTIONS)];
/** Generous: the slow path alone takes ~1 ms per generated message under Jest. */
const GENERATED_TIMEOUT_MS = 180_000;

/** Everything about a value, Dates, undefined values and class names included, to detect any mutation. */
function snapshot(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return inspect(value, { depth: null, maxArrayLength: null, maxStringLength: null, breakLength: Infinity });
}

/**
 * Throws unless `a` and `b` are the same tree: same prototypes, same own keys
 * in the same order (undefined-valued ones too), same primitives and Dates.
 * Hand-written rather than `toStrictEqual`, which ignores key order and is too
 * slow for the tens of thousands of comparisons below.
 */
function expectSameTree(a: unknown, b: unknown, path = 'value'): void {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    if (!Object.is(a, b)) throw new Error(`${path}: ${inspect(a)} (fast) is not ${inspect(b)} (slow)`);
    return;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    throw new Error(`${path}: a ${a.constructor?.name} (fast) is not a ${b.constructor?.name} (slow)`);
  }
  if (a instanceof Date) {
    if (!Object.is(a.valueOf(), (b as Date).valueOf())) throw new Error(`${path}: Dates differ`);
    return;
  }
  const keysA = Reflect.ownKeys(a).map(String);
  const keysB = Reflect.ownKeys(b).map(String);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) throw new Error(`${path}: keys ${inspect(keysA)} (fast) are not ${inspect(keysB)} (slow)`);
  for (const key of keysA) {
    if (key === 'length' && Array.isArray(a)) continue;
    expectSameTree((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
  }
}

/** Throws if the tree `value` holds any object of the tree `params`. */
function expectNoSharedObject(value: unknown, params: unknown): void {
  const theirs = new Set<unknown>();
  const collect = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || theirs.has(v)) return;
    theirs.add(v);
    for (const key of Reflect.ownKeys(v)) collect((v as Record<PropertyKey, unknown>)[key]);
  };
  collect(params);
  const check = (v: unknown, path: string): void => {
    if (typeof v !== 'object' || v === null) return;
    if (theirs.has(v)) throw new Error(`${path} is the caller's own object`);
    for (const key of Object.keys(v)) check((v as Record<string, unknown>)[key], `${path}.${key}`);
  };
  check(value, 'value');
}

/**
 * Checks both paths on `params` with one validator pair, and returns whether
 * the fast path accepted them. `full` also checks `validate` itself returns
 * the slow path's result when the fast path leaves it the decision (true by
 * construction; skipped for generated params, where it would double the time).
 */
function agree(p: Pair, action: EngageAction, params: unknown, full = true): boolean {
  const fast = typeof params === 'object' && params !== null && !Array.isArray(params) ? p.fast.tryFast(action, params) : undefined;
  const slow = p.slow.validate(action, params);
  const slowJson = slow.ok ? JSON.stringify(slow.value) : undefined;

  if (fast !== undefined) {
    // Fast "valid" ⇒ slow valid, with the same value.
    if (!slow.ok) throw new Error(`${p.label}: fast path accepted params the slow path refuses: ${JSON.stringify(slow.errors)}`);
    const fastJson = JSON.stringify(fast);
    if (fastJson !== slowJson) expect(fastJson).toBe(slowJson);
    expectSameTree(fast, slow.value);
    expectNoSharedObject(fast, params);
  }
  if (fast === undefined && !full) return false;
  // validate's answer is the slow path's, whichever path gave it.
  const result = p.fast.validate(action, params);
  if (slow.ok) {
    if (!result.ok) throw new Error(`${p.label}: validate refused params the slow path accepts: ${JSON.stringify(result.errors)}`);
    const json = JSON.stringify(result.value);
    if (json !== slowJson) expect(json).toBe(slowJson);
  } else if (!isDeepStrictEqual(result, slow)) {
    expect(result).toEqual(slow);
  }
  return fast !== undefined;
}

/** {@link agree} with every pair of `pairs`, checking `params` is left untouched; which pairs' fast path accepted. */
function agreeAll(pairs: readonly Pair[], action: EngageAction, params: unknown, full = true): boolean[] {
  const before = snapshot(params);
  const accepted = pairs.map((p) => agree(p, action, params, full));
  if (snapshot(params) !== before) throw new Error('the params were modified');
  return accepted;
}

describe('fast path: field rules table', () => {
  it.each(VALID_CASES.map((c) => [c.name, c] as const))('accepts, like the slow path: %s', (_name, c) => {
    const pairs = MODES.map((mode) => pair(mode, c.sourceOptions));
    expect(agreeAll(pairs, c.action, c.params)).toEqual(MODES.map(() => true));
  });

  it.each(INVALID_CASES.map((c) => [c.rule, c] as const))('agrees with the slow path: %s', (_rule, c) => {
    const [reject, ...others] = MODES.map((mode) => pair(mode, c.sourceOptions));
    // Refused in 'reject' mode, so never accepted there; 'strip' and 'forward' may accept it.
    const [inReject] = agreeAll([reject!, ...others], c.action, c.params);
    expect(inReject).toBe(false);
  });
});

describe('fast path: generated params', () => {
  fc.configureGlobal({ seed });

  it.each([...ACTIONS])(`accepts ${GENERATED_RUNS} generated valid params of %s, like the slow path`, (action) => {
    fc.assert(
      fc.property(validParams(action), (params: Params) => {
        const accepted = agreeAll(PAIRS, action, params, false);
        const refusing = PAIRS.filter((_p, i) => !accepted[i]).map((p) => p.label);
        if (refusing.length > 0) throw new Error(`the fast path did not accept valid params with: ${refusing.join('; ')}`);
      }),
      { numRuns: GENERATED_RUNS },
    );
  }, GENERATED_TIMEOUT_MS);

  it.each([...ACTIONS])(`agrees with the slow path on ${GENERATED_RUNS} generated invalid params of %s`, (action) => {
    let acceptedAnyway = 0;
    fc.assert(
      fc.property(invalidParams(action), (c) => {
        const [inReject, ...elsewhere] = agreeAll(PAIRS, action, c.params, false);
        // PAIRS[0] is plain 'reject', where the params are refused: never accepted there.
        if (inReject) throw new Error(`'reject' accepted invalid params (${c.rule}, ${c.detail})`);
        acceptedAnyway += elsewhere.filter(Boolean).length;
      }),
      { numRuns: GENERATED_RUNS },
    );
    // Some mistakes are no mistake in 'strip'/'forward' or with source options; the rest fall back.
    expect(acceptedAnyway).toBeLessThan(GENERATED_RUNS * (PAIRS.length - 1));
  }, GENERATED_TIMEOUT_MS);
});

describe('fast path: values', () => {
  const [reject, strip, forward] = MODES.map((mode) => pair(mode));
  const message = (patch: Params = {}): Params => ({
    id: '890',
    thread_id: '42',
    author: { id: '666', screenname: 'John Doe' },
    body: 'Hi',
    ...patch,
  });

  it('copies Dates (sent as ISO 8601) and never returns the caller’s objects', () => {
    const createdAt = new Date('2012-10-01T17:18:40Z');
    const params = { id: '1', screenname: 'J', created_at: createdAt, updated_at: createdAt };
    const value = reject!.fast.tryFast('users.create', params) as Record<string, unknown>;
    expect(value).toBeInstanceOf(dtos.UsersCreateDto);
    expect(value['created_at']).toBeInstanceOf(Date);
    expect(value['created_at']).not.toBe(createdAt);
    expect(JSON.parse(JSON.stringify(value))).toMatchObject({ created_at: '2012-10-01T17:18:40.000Z' });
    expect(agree(reject!, 'users.create', params)).toBe(true);
  });

  it('builds the same classes as class-transformer, at every depth', () => {
    const params = message({
      author: { id: '666', screenname: 'John', puppetizable: true },
      attachments: [{ url: 'https://example.com/a.png' }],
      structured_content: { type: 'carousel', items: [{ title: 'Card', items: [{ type: 'reply', title: 'Yes' }] }] },
    });
    const value = reject!.fast.tryFast('messages.create', params) as Record<string, never>;
    expect(value).toBeInstanceOf(dtos.MessagesCreateDto);
    expect(value['author']).toBeInstanceOf(dtos.UserDto);
    expect((value['attachments'] as unknown[])[0]).toBeInstanceOf(dtos.AttachmentDto);
    expect(value['structured_content']).toBeInstanceOf(dtos.CarouselContentDto);
    expect(agree(reject!, 'messages.create', params)).toBe(true);
  });

  it("'strip' deletes unknown properties from its copy only, at every depth", () => {
    const params = Object.freeze(
      message({
        threadId: '42',
        author: Object.freeze({ id: '666', screenname: 'John', puppetizable: true, nickname: 'JD' }),
        structured_content: { type: 'template', title: 'T', color: 'red', items: [{ type: 'reply', title: 'Y', style: 'x' }] },
        context_data: { anything: 'kept' },
      }),
    );
    expect(agree(strip!, 'messages.create', params)).toBe(true);
    expect(agree(forward!, 'messages.create', params)).toBe(true);
    expect(agree(reject!, 'messages.create', params)).toBe(false);
    expect(JSON.parse(JSON.stringify(strip!.fast.tryFast('messages.create', params)))).toEqual({
      ...message(),
      author: { id: '666', screenname: 'John', puppetizable: true },
      structured_content: { type: 'template', title: 'T', items: [{ type: 'reply', title: 'Y' }] },
      context_data: { anything: 'kept' },
    });
  });

  it('keeps undefined-valued keys and drops array holes, as class-transformer does', () => {
    // eslint-disable-next-line no-sparse-arrays
    const params = message({ language: undefined, categories: ['TV', , 'Internet'] });
    for (const p of [reject!, strip!, forward!]) expect(agree(p, 'messages.create', params)).toBe(true);
    const value = reject!.fast.tryFast('messages.create', params) as Record<string, unknown>;
    expect(Object.keys(value)).toContain('language');
    expect(value['categories']).toEqual(['TV', 'Internet']);
  });

  it('accepts DTO instances as input (a ValidationPipe’s output), like the slow path', () => {
    const params = plainToInstance(dtos.MessagesCreateDto, message());
    for (const p of [reject!, strip!, forward!]) expect(agree(p, 'messages.create', params)).toBe(true);
  });

  it('leaves prototype-keyed properties to the slow path, in every mode', () => {
    const payload = (): unknown =>
      JSON.parse(
        '{"id":"890","thread_id":"42","body":"x","__proto__":{"polluted":"top"},' +
          '"author":{"id":"666","screenname":"John","constructor":{"prototype":{"polluted":"author"}}},' +
          '"context_data":{"country":"France","toString":"x"}}',
      );
    for (const p of [reject!, strip!, forward!]) {
      const params = payload() as object;
      expect(p.fast.tryFast('messages.create', params)).toBeUndefined();
      agree(p, 'messages.create', params);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('leaves values JSON can’t carry to the slow path, even where unknown properties are forwarded', () => {
    const circular: Params = { a: 1 };
    circular['self'] = circular;
    let deep: Params = {};
    const root = deep;
    for (let i = 0; i < 40; i++) deep = (deep['next'] = {}) as Params;
    for (const extra of [() => 1, Symbol('s'), BigInt(1), new Map(), new URL('https://example.com'), circular, root]) {
      const params = message({ extra });
      expect(forward!.fast.tryFast('messages.create', params)).toBeUndefined();
      agree(forward!, 'messages.create', params);
    }
  });
});

describe('fast path: compilation', () => {
  const checker = (): CompiledChecker =>
    new CompiledChecker({
      validatorOptions: { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, groups: ['engage-send'], always: true },
      transformOptions: {},
      roots: [],
    });

  it('compiles every DTO class: no rule of the Send API contract falls back', () => {
    const classes = [...Object.values(dtos).filter((value) => typeof value === 'function'), UnknownStructuredContentDto];
    expect(classes.length).toBeGreaterThanOrEqual(20);
    const c = checker();
    for (const cls of classes) {
      const compiled = c.compiled(cls as DtoClass);
      expect({ cls: (cls as DtoClass).name, reason: compiled?.compilable === false ? compiled.reason : undefined }).toEqual({
        cls: (cls as DtoClass).name,
        reason: undefined,
      });
    }
    for (const root of Object.values(ACTION_PARAMS_DTOS)) expect(c.compiled(root)?.compilable).toBe(true);
  });

  it('refuses to compile what it does not mirror, and then always falls back', () => {
    class WithPromise {
      @ValidatePromise()
      @IsRequiredString()
      id!: string;
    }
    class WithTransform {
      @Transform(({ value }: { value: unknown }) => String(value))
      @IsRequiredString()
      id!: string;
    }
    class WithAccessor {
      @IsRequiredString()
      id!: string;

      get upper(): string {
        return this.id.toUpperCase();
      }
    }
    class WithUntypedNested {
      @IsOptional()
      @ValidateNested()
      child?: object;
    }
    class WithUncompilableChild {
      @IsOptional()
      @ValidateNested()
      @Type(() => WithPromise)
      child?: WithPromise;
    }
    const c = checker();
    for (const [cls, reason] of [
      [WithPromise, /promiseValidation/],
      [WithTransform, /@Transform/],
      [WithAccessor, /prototype members \(upper\)/],
      [WithUntypedNested, /nested rule without @Type/],
    ] as const) {
      const compiled = c.compiled(cls);
      expect(compiled?.compilable).toBe(false);
      expect(compiled?.compilable === false && compiled.reason).toMatch(reason);
      expect(c.accept(cls, { id: 'x' })).toBeUndefined();
    }
    // The parent compiles; params reaching the uncompilable child fall back.
    expect(c.compiled(WithUncompilableChild)?.compilable).toBe(true);
    expect(c.accept(WithUncompilableChild, {})).toBeInstanceOf(WithUncompilableChild);
    expect(c.accept(WithUncompilableChild, { child: { id: 'x' } })).toBeUndefined();
  });

  it('stays off for options it does not mirror', () => {
    const c = new CompiledChecker({ validatorOptions: { skipMissingProperties: true }, transformOptions: {}, roots: [] });
    expect(c.disabledBecause).toMatch(/skipMissingProperties/);
    expect(c.accept(dtos.StatusMarkAsReadDto, { id: '1' })).toBeUndefined();
    const t = new CompiledChecker({ validatorOptions: {}, transformOptions: { enableImplicitConversion: true }, roots: [] });
    expect(t.disabledBecause).toMatch(/enableImplicitConversion/);
  });

  it('with fastPath: false, validate never uses it', () => {
    const slow = new ParamsValidator({ fastPath: false });
    expect(slow.tryFast('status.mark_as_read', { id: '1' })).toBeUndefined();
    expect(slow.validate('status.mark_as_read', { id: '1' }).ok).toBe(true);
  });
});
