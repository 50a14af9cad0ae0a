import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import type { EngageAction } from '../../src/contract/index.js';
import {
  MessagesCreateDto,
  UserDto,
  type MessagesCreateParams,
  type ThreadsCreateParams,
  type TypingStartParams,
  type UsersCreateParams,
} from '../../src/dto/index.js';
import { ParamsValidator, type ParamsValidation } from '../../src/validation/params-validator.js';
import { MAX_LISTED_ERRORS } from '../../src/validation/field-errors.js';
import type { EngageFieldError } from '../../src/errors/validation.error.js';
import { INVALID_CASES, VALID_CASES } from './field-rules.cases.js';

const reject = new ParamsValidator({ unknownProperties: 'reject' });
const strip = new ParamsValidator({ unknownProperties: 'strip' });
const forward = new ParamsValidator({ unknownProperties: 'forward' });
/** The library's default: forward what Engage ignores. */
const byDefault = new ParamsValidator();

function errorsOf(result: ParamsValidation): EngageFieldError[] {
  if (result.ok) throw new Error(`expected validation to fail, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

function valueOf(result: ParamsValidation): Record<string, unknown> {
  if (!result.ok) throw new Error(`expected validation to pass, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.value as Record<string, unknown>;
}

function errorAt(result: ParamsValidation, path: string): EngageFieldError | undefined {
  return errorsOf(result).find((error) => error.path === path);
}

function aMessage(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: '890', thread_id: '42', author: { id: '666', screenname: 'John Doe' }, body: 'Awesome post !', ...patch };
}

/** Freezes `value` and everything under it, so any mutation throws (ESM is strict mode). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

describe('ParamsValidator: field rules table', () => {
  it('has a case for every action, and at least 150 invalid cases', () => {
    const actions = new Set<EngageAction>(INVALID_CASES.map((c) => c.action));
    expect([...actions].sort()).toEqual(
      ['messages.create', 'private_messages.create', 'status.mark_as_read', 'threads.create', 'typing.start', 'typing.stop', 'users.create'],
    );
    expect(INVALID_CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(INVALID_CASES.map((c) => c.rule)).size).toBe(INVALID_CASES.length);
  });

  it.each(INVALID_CASES.map((c) => [c.rule, c] as const))('refuses: %s', (_rule, c) => {
    const validator = new ParamsValidator({ sourceOptions: c.sourceOptions, unknownProperties: c.mode });
    const errors = errorsOf(validator.validate(c.action, c.params));
    const error = errors.find((e) => (c.pathPrefix ? e.path.startsWith(c.path) : e.path === c.path));
    if (!error) throw new Error(`no error at ${c.path}; got ${JSON.stringify(errors, null, 2)}`);
    if (c.constraint !== undefined) expect(Object.keys(error.constraints)).toContain(c.constraint);
    for (const message of Object.values(error.constraints)) expect(message.length).toBeGreaterThan(0);
    // Every path is rooted at params and dotted.
    for (const e of errors) expect(e.path).toMatch(/^params(\.[^.]+)*$/);
  });

  it.each(VALID_CASES.map((c) => [c.name, c] as const))('accepts: %s', (_name, c) => {
    const validator = new ParamsValidator({ sourceOptions: c.sourceOptions });
    const value = valueOf(validator.validate(c.action, c.params));
    // The default mode sends exactly the caller's fields.
    expect(JSON.stringify(value)).toBe(JSON.stringify(c.params));
  });

  it('keeps, for the record, what the conformance rule turned from refused into accepted', () => {
    const accepted = VALID_CASES.filter((c) => c.refusedBefore);
    expect(accepted.length).toBeGreaterThanOrEqual(25);
    for (const c of accepted) expect(byDefault.validate(c.action, c.params).ok).toBe(true);
  });

  it('counts characters as code points: 20 000 emoji pass, 20 001 fail', () => {
    expect(reject.validate('messages.create', aMessage({ body: '😀'.repeat(20_000) })).ok).toBe(true);
    const error = errorAt(reject.validate('messages.create', aMessage({ body: '😀'.repeat(20_001) })), 'params.body');
    expect(error?.constraints['maxLength']).toContain('20001');
  });
});

describe('ParamsValidator: properties Engage ignores', () => {
  const withUnknowns = (): Record<string, unknown> => ({
    ...aMessage(),
    threadId: '42',
    author: { id: '666', screenname: 'John Doe', nickname: 'JD' },
    attachments: [{ url: 'https://example.com/a.png', mime: 'image/png' }],
    structured_content: {
      type: 'template',
      title: 'Offer',
      color: 'red',
      items: [{ type: 'reply', title: 'Yes', payload: 'YES', style: 'primary', url: 'https://example.com' }],
    },
    structured_reply: { payload: 'P', clicked_at: 'now' },
    context_data: { country: 'France' },
  });
  const puppetize = (params: Record<string, unknown>): Record<string, unknown> => ({
    ...params,
    author: { ...(params['author'] as object), puppetizable: true },
  });
  const IGNORED = [
    'params.threadId',
    'params.author.nickname',
    'params.attachments.0.mime',
    'params.structured_content.color',
    'params.structured_content.items.0.style',
    'params.structured_content.items.0.url',
    'params.structured_reply.clicked_at',
  ];

  it("'forward' (the default) sends them as given, at every depth, and reports each for a warning", () => {
    const params = puppetize(withUnknowns());
    const result = byDefault.validate('messages.create', params);
    const value = valueOf(result);
    expect(JSON.stringify(value)).toBe(JSON.stringify(params));
    expect(result.ok && result.ignored?.map((i) => i.path).sort()).toEqual([...IGNORED].sort());
    expect(result.ok && result.ignored?.find((i) => i.path === 'params.structured_content.items.0.url')?.reason).toBe('not read here');
    expect(result.ok && result.ignored?.find((i) => i.path === 'params.attachments.0.mime')?.pattern).toBe('params.attachments.*.mime');
  });

  it("'forward' hints the field a near miss stands for", () => {
    const result = forward.validate('messages.create', aMessage({ thread_Id: '43' }));
    expect(result.ok && result.ignored).toEqual([{ path: 'params.thread_Id', pattern: 'params.thread_Id', reason: 'unknown', hint: 'thread_id' }]);
  });

  it("'reject' names every one of them at its path", () => {
    const errors = errorsOf(reject.validate('messages.create', puppetize(withUnknowns())));
    const named = errors.filter((e) => 'unknownProperty' in e.constraints || 'ignoredProperty' in e.constraints).map((e) => e.path);
    // The checker names the first it meets; class-validator lists the unknown ones.
    expect(new Set(named)).toEqual(new Set(IGNORED.filter((p) => p !== 'params.structured_content.items.0.url')));
  });

  it.each([
    ['threadId', 'thread_id'],
    ['thread_Id', 'thread_id'],
    ['inReplyToId', 'in_reply_to_id'],
    ['displayURL', 'display_url'],
    ['thraed_id', 'thread_id'],
  ])("'reject' hints %s → did you mean %s", (key, known) => {
    const error = errorAt(reject.validate('messages.create', aMessage({ [key]: 'x' })), `params.${key}`);
    expect(error?.constraints['unknownProperty']).toContain(`did you mean "${known}"?`);
    expect(error?.constraints['unknownProperty']).toContain(key);
  });

  it("'reject' hints nested near misses from the nested object's own fields", () => {
    const error = errorAt(reject.validate('messages.create', aMessage({ author: { id: '666', screenName: 'John' } })), 'params.author.screenName');
    expect(error?.constraints['unknownProperty']).toContain('did you mean "screenname"?');
  });

  it("'reject' gives no hint when nothing is close", () => {
    const error = errorAt(reject.validate('messages.create', aMessage({ weather: 'sunny' })), 'params.weather');
    expect(error?.constraints['unknownProperty']).not.toContain('did you mean');
  });

  it("'strip' removes them at every depth and keeps the rest", () => {
    const value = valueOf(strip.validate('messages.create', puppetize(withUnknowns())));
    expect(JSON.parse(JSON.stringify(value))).toEqual({
      ...aMessage(),
      author: { id: '666', screenname: 'John Doe', puppetizable: true },
      attachments: [{ url: 'https://example.com/a.png' }],
      structured_content: { type: 'template', title: 'Offer', items: [{ type: 'reply', title: 'Yes', payload: 'YES' }] },
      structured_reply: { payload: 'P' },
      // context_data keys are free-form: never stripped.
      context_data: { country: 'France' },
    });
  });

  it("'strip' and 'forward' still report rule violations", () => {
    expect(errorsOf(strip.validate('messages.create', { ...aMessage({ id: 1 }), threadId: '42' })).map((e) => e.path)).toEqual(['params.id']);
    expect(errorAt(forward.validate('messages.create', aMessage({ threadId: 'x', body: 5 })), 'params.body')).toBeDefined();
  });

  it("'forward' still requires every forwarded value to be JSON data", () => {
    expect(errorAt(forward.validate('messages.create', aMessage({ extra: { n: Number.NaN } })), 'params.extra.n')?.constraints).toHaveProperty('isJsonData');
    expect(errorAt(forward.validate('messages.create', aMessage({ extra: [() => 1] })), 'params.extra.0')?.constraints).toHaveProperty('isJsonData');
    expect(errorAt(forward.validate('messages.create', aMessage({ extra: 10n })), 'params.extra')?.constraints).toHaveProperty('isJsonData');
  });

  it('rejects an unknown mode at construction', () => {
    expect(() => new ParamsValidator({ unknownProperties: 'ignore' as never })).toThrow(TypeError);
  });
});

describe('ParamsValidator: value', () => {
  it('never mutates the caller’s object, in any mode', () => {
    for (const validator of [reject, strip, forward]) {
      const params = deepFreeze({
        ...aMessage({ extra: { deep: true } }),
        author: { id: '666', screenname: 'John', puppetizable: true, extra: 1 },
        created_at: new Date('2012-10-01T17:18:40Z'),
        structured_content: { type: 'select', items: [{ title: 'A', x: 1 }] },
      });
      const before = JSON.stringify(params);
      const result = validator.validate('messages.create', params);
      expect(JSON.stringify(params)).toBe(before);
      expect(result.ok).toBe(validator !== reject);
    }
  });

  it('sends the caller\'s own object when nothing must go (it is serialised at once), and a copy when something must', () => {
    const params = aMessage({ extra: 1 });
    expect(valueOf(forward.validate('messages.create', params))).toBe(params);
    expect(valueOf(strip.validate('messages.create', params))).not.toBe(params);
    expect(params['extra']).toBe(1);
  });

  it('adds no keys: not even the optional fields left out', () => {
    const value = valueOf(reject.validate('messages.create', aMessage()));
    expect(Object.keys(value)).toEqual(Object.keys(aMessage()));
    expect(Object.keys(value['author'] as object)).toEqual(['id', 'screenname']);
  });

  it('keeps Dates as Dates, which JSON.stringify sends as ISO 8601', () => {
    const createdAt = new Date('2012-10-01T17:18:40Z');
    const value = valueOf(reject.validate('users.create', { id: '1', screenname: 'J', created_at: createdAt, updated_at: createdAt }));
    expect(value['created_at']).toBeInstanceOf(Date);
    expect(JSON.parse(JSON.stringify(value))).toMatchObject({ created_at: '2012-10-01T17:18:40.000Z' });
  });

  it('does not turn a numeric id into a string', () => {
    expect(errorAt(reject.validate('status.mark_as_read', { id: 890 }), 'params.id')?.constraints).toHaveProperty('isString');
  });
});

describe('ParamsValidator: prototype pollution', () => {
  const payload = (): unknown =>
    JSON.parse(
      '{"id":"890","thread_id":"42","body":"x","__proto__":{"polluted":"top"},' +
        '"author":{"id":"666","screenname":"John","__proto__":{"polluted":"author"}},' +
        '"constructor":{"prototype":{"polluted":"ctor"}},' +
        '"context_data":{"country":"France","__proto__":{"polluted":"context"}}}',
    );

  it("'reject' refuses __proto__ and constructor keys at their paths", () => {
    const errors = errorsOf(reject.validate('messages.create', payload()));
    const reserved = errors.filter((e) => 'reservedProperty' in e.constraints).map((e) => e.path);
    expect(reserved.sort()).toEqual(
      ['params.__proto__', 'params.author.__proto__', 'params.constructor', 'params.context_data.__proto__'].sort(),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['strip', strip],
    ['forward', forward],
  ])("'%s' drops them, sends none, and pollutes nothing", (_mode, validator) => {
    const value = valueOf(validator.validate('messages.create', payload()));
    const json = JSON.stringify(value);
    expect(json).not.toContain('__proto__');
    expect(json).not.toContain('polluted');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.parse(json)).toEqual({
      id: '890',
      thread_id: '42',
      body: 'x',
      author: { id: '666', screenname: 'John' },
      context_data: { country: 'France' },
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses keys named after other Object.prototype members', () => {
    const error = errorAt(reject.validate('messages.create', aMessage({ toString: 'x' })), 'params.toString');
    expect(error?.constraints).toHaveProperty('reservedProperty');
  });
});

describe('ParamsValidator: errors', () => {
  it('collects every error, not just the first (within bounds)', () => {
    const errors = errorsOf(
      reject.validate('messages.create', {
        id: 890,
        author: { screenname: '' },
        format: 'md',
        attachments: [{ content: 'aGVsbG8=' }],
        structured_content: { type: 'select', items: [] },
        threadId: '42',
      }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        'params.id',
        'params.thread_id',
        'params.threadId',
        'params.author.id',
        'params.author.screenname',
        'params.format',
        'params.attachments.0.filename',
        'params.structured_content.items',
      ].sort(),
    );
  });

  it('gives one error per path, with rule names as keys and messages naming the field', () => {
    const errors = errorsOf(reject.validate('messages.create', aMessage({ author: { id: 666, screenname: 'J' } })));
    expect(new Set(errors.map((e) => e.path)).size).toBe(errors.length);
    expect(errorAt(reject.validate('messages.create', aMessage({ author: { id: 666, screenname: 'J' } })), 'params.author.id')).toEqual({
      path: 'params.author.id',
      constraints: { isString: 'id must be a string, got a number' },
    });
  });

  it('reports a missing field once, as isDefined', () => {
    expect(errorAt(reject.validate('status.mark_as_read', {}), 'params.id')).toEqual({
      path: 'params.id',
      constraints: { isDefined: 'id is required' },
    });
  });

  it('uses Engage’s wording for a missing structured content type', () => {
    const error = errorAt(
      reject.validate('messages.create', aMessage({ structured_content: { items: [{ title: 'A' }] } })),
      'params.structured_content.type',
    );
    expect(error?.constraints['isDefined']).toBe('Type is required for structured contents');
  });

  it('reports a non-object params at path "params"', () => {
    for (const params of ['x', 42, null, undefined, ['a'], true]) {
      expect(errorsOf(reject.validate('messages.create', params))).toEqual([
        { path: 'params', constraints: { isObject: expect.any(String) } },
      ]);
    }
  });

  it('reports an unknown action at path "action" instead of throwing', () => {
    expect(errorsOf(reject.validate('messages.delete' as EngageAction, {}))[0]?.path).toBe('action');
  });

  it('refuses a class instance other than Date without calling its constructor', () => {
    const error = errorAt(reject.validate('messages.create', aMessage({ created_at: new Map() })), 'params.created_at');
    expect(error?.constraints['isEngageDate']).toContain('a Map');
    expect(errorAt(forward.validate('messages.create', aMessage({ extra: new URL('https://example.com') })), 'params.extra')?.constraints['isJsonData']).toContain('a URL');
  });

  it('refuses nesting deeper than 32 levels, even in forward mode', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 40; i++) deep = (deep['next'] = {}) as Record<string, unknown>;
    const errors = errorsOf(forward.validate('messages.create', aMessage({ extra: root })));
    expect(errors.some((e) => 'maxDepth' in e.constraints && e.path.startsWith('params.extra.next'))).toBe(true);
  });

  it('refuses a circular reference in forward mode instead of overflowing the stack', () => {
    const params = aMessage();
    params['self'] = params;
    const errors = errorsOf(forward.validate('messages.create', params));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path.startsWith('params.self.self')).toBe(true);
    expect(errors[0]!.constraints['maxDepth']).toContain('circular');
  });

  it(`lists at most ${MAX_LISTED_ERRORS} errors and counts the rest`, () => {
    const result = reject.validate('messages.create', aMessage({ attachments: Array.from({ length: 50 }, () => ({ url: 'ftp://x' })) }));
    expect(errorsOf(result)).toHaveLength(MAX_LISTED_ERRORS);
    expect(!result.ok && result.unlisted).toBe(40);
  });

  it('never copies more than a few dozen characters of a value into a message', () => {
    const huge = 'x'.repeat(1_000_000);
    for (const params of [aMessage({ format: huge }), aMessage({ created_at: huge }), aMessage({ display_url: huge }), aMessage({ [huge]: 1 })]) {
      const errors = errorsOf(reject.validate('messages.create', params));
      expect(JSON.stringify(errors).length).toBeLessThan(2_000);
    }
  });
});

describe('ParamsValidator: source options', () => {
  it('an empty or unrelated source option list relaxes nothing', () => {
    for (const sourceOptions of [[], ['view.messaging', 'messaging.typing_indicator']]) {
      const validator = new ParamsValidator({ sourceOptions });
      expect(errorAt(validator.validate('messages.create', aMessage({ thread_id: undefined })), 'params.thread_id')).toBeDefined();
      expect(errorAt(validator.validate('threads.create', { id: 't' }), 'params.author')).toBeDefined();
    }
  });

  it('threads.no_content relaxes threads only; messages.unthreaded relaxes messages only', () => {
    const noContent = new ParamsValidator({ sourceOptions: ['threads.no_content'] });
    expect(noContent.validate('threads.create', { id: 't' }).ok).toBe(true);
    expect(errorAt(noContent.validate('messages.create', aMessage({ thread_id: undefined })), 'params.thread_id')).toBeDefined();

    const unthreaded = new ParamsValidator({ sourceOptions: ['messages.unthreaded'] });
    expect(unthreaded.validate('messages.create', aMessage({ thread_id: undefined })).ok).toBe(true);
    expect(errorAt(unthreaded.validate('threads.create', { id: 't' }), 'params.body')).toBeDefined();
  });

  it('messages.unthreaded does not make thread_id unknown', () => {
    const unthreaded = new ParamsValidator({ sourceOptions: ['messages.unthreaded'] });
    expect(unthreaded.validate('messages.create', aMessage()).ok).toBe(true);
  });
});

describe('ParamsValidator: DTO instances as input', () => {
  it('accepts params built as DTO instances (e.g. by a ValidationPipe)', () => {
    const params = plainToInstance(MessagesCreateDto, aMessage());
    expect(params.author).toBeInstanceOf(UserDto);
    expect(JSON.stringify(valueOf(reject.validate('messages.create', params)))).toBe(JSON.stringify(aMessage()));
  });
});

describe('DTO classes as param types', () => {
  it('accept plain object literals (checked by tsc)', () => {
    const message: MessagesCreateParams = {
      id: '890',
      thread_id: '42',
      author: { id: '666', screenname: 'John Doe', created_at: '07/11/2019', puppetizable: true },
      body: 'Hi',
      created_at: new Date(),
      context_data: { country: 'Germany', fruits: ['Apple', 'Pear'] },
      attachments: [{ url: 'https://example.com/a.mp4', type: 'video' }],
      structured_content: { type: 'carousel', items: [{ title: 'Card', items: [{ type: 'url', title: 'Open', url: 'github://x' }] }] },
    };
    const thread: ThreadsCreateParams = { id: 't-1' };
    const user: UsersCreateParams = { id: '1', screenname: 'J', created_at: 1349111920000, updated_at: new Date() };
    const typing: TypingStartParams = { thread_id: '42', preview: 'Hel' };
    expect(reject.validate('messages.create', message).ok).toBe(true);
    expect(new ParamsValidator({ sourceOptions: ['threads.no_content'] }).validate('threads.create', thread).ok).toBe(true);
    expect(reject.validate('users.create', user).ok).toBe(true);
    expect(reject.validate('typing.start', typing).ok).toBe(true);
  });
});
