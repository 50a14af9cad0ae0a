import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ContentIdCallDto, type AgentMessageDto } from '../../src/index.js';
import { callParamsDto, validateCallParams } from '../../src/source-endpoint/call-params-validator.js';
import { parseCallAction } from '../../src/source-endpoint/engage-call-action.js';

/*
 * The params of Engage's calls, validated by the checker compiled from the
 * DTOs (the send side's fast path) with class-validator behind it: both give
 * the same instance for valid params, and the errors come from class-validator.
 */

const parsed = (action: string) => parseCallAction(action)!;

const VALID: [string, Record<string, unknown>][] = [
  ['messages.create', { body: 'Hi', content_id: 'c1', retry: false, thread_id: 't1', in_reply_to_id: 'm1', title: null, attachments: [{ url: 'https://x/a.png', type: 'image/png', filename: 'a.png' }], extra: { kept: true } }],
  ['private_messages.create', { body: 'Hi', recipient_id: 'u1', structured_content: { type: 'select', items: [] } }],
  ['threads.create', { title: 'T', body: 'B', retry: true }],
  ['messages.list', {}],
  ['messages.list', { since_id: 'm9' }],
  ['threads.show', { id: 't1' }],
  ['messages.follow_up', { id: 'm1', user_id: 'a1' }],
  ['messaging.queuing_update', { estimated_wait_time: 30, position: 2, thread_id: 't1' }],
];

describe('validateCallParams', () => {
  it.each(VALID)('%s %j: the same instance as class-transformer + class-validator would give', (action, params) => {
    const result = validateCallParams(parsed(action), params);
    expect(result.ok).toBe(true);
    const dto = callParamsDto(parsed(action))!;
    const slow = plainToInstance(dto, params);
    expect(validateSync(slow)).toEqual([]);
    const value = (result as { value: object }).value;
    expect(value).toBeInstanceOf(dto);
    expect(value).toEqual(slow);
    expect(JSON.stringify(value)).toBe(JSON.stringify(slow));
  });

  it('types the nested attachments and keeps unknown fields', () => {
    const result = validateCallParams(parsed('messages.create'), VALID[0]![1]) as { value: AgentMessageDto & { extra: unknown } };
    expect(result.value.extra).toEqual({ kept: true });
    expect(result.value.attachments?.[0]?.constructor.name).toBe('AgentAttachmentDto');
  });

  it.each([
    ['messages.create', { retry: 'no', body: 3, attachments: [{ url: 1 }] }, ['params.retry', 'params.body', 'params.attachments.0.url']],
    ['messages.create', { attachments: ['a.png'] }, ['params.attachments', 'params.attachments.0']],
    ['threads.show', {}, ['params.id']],
    ['threads.show', { id: '' }, ['params.id']],
    ['messaging.queuing_update', { position: '2' }, ['params.position']],
    ['messages.list', { since_id: 9 }, ['params.since_id']],
    ['messages.list', 'since', ['params']],
  ])('%s %j → errors at %j', (action, params, paths) => {
    const result = validateCallParams(parsed(action), params);
    expect(result.ok).toBe(false);
    expect((result as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(paths);
  });

  it('absent params count as {}', () => {
    expect(validateCallParams(parsed('messages.list'), undefined)).toMatchObject({ ok: true });
    expect(validateCallParams(parsed('messages.show'), undefined)).toMatchObject({ ok: false });
  });

  it('an own "__proto__" key never becomes a prototype', () => {
    const params = JSON.parse('{"id":"x","__proto__":{"polluted":true}}') as object;
    const result = validateCallParams(parsed('messages.show'), params) as { ok: boolean; value?: object };
    expect(result.ok).toBe(true);
    expect(Object.getPrototypeOf(result.value)).toBe(ContentIdCallDto.prototype);
    expect((result.value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  describe('bounded, whatever the body holds', () => {
    const message = parsed('messages.create');
    const paths = (result: unknown) => (result as { errors: { path: string }[] }).errors.map((e) => e.path);

    it('nesting deeper than 32 levels: one error naming where', () => {
      const deep = JSON.parse(`{"extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as object;
      const result = validateCallParams(message, deep);
      expect(paths(result)).toEqual(['params.extra']);
      expect(JSON.stringify(result)).toContain('nests more than 32 levels deep');
      // A key of the body that is not a plain name is not repeated.
      expect(paths(validateCallParams(message, { 'evil\nkey': JSON.parse('['.repeat(40) + ']'.repeat(40)) }))).toEqual(['params']);
      expect(validateCallParams(message, { structured_content: { a: { b: { c: {} } } } }).ok).toBe(true);
    });

    it('a long array of bad items: the errors of the first window only', () => {
      const result = validateCallParams(message, { attachments: Array.from({ length: 50_000 }, () => ({ url: 1 })) });
      expect(paths(result)).toHaveLength(100);
      expect(paths(result)[0]).toBe('params.attachments.0.url');
    });

    it('one bad item far down a long array: found, with its index in the whole array', () => {
      const attachments: unknown[] = Array.from({ length: 20_000 }, (_, i) => ({ url: `https://x/${i}` }));
      attachments.push({ url: 5 }, 'not an object');
      expect(paths(validateCallParams(message, { attachments }))).toEqual(['params.attachments', 'params.attachments.20000.url', 'params.attachments.20001']);
    });

    it('a long valid array is accepted, whole', () => {
      const attachments = Array.from({ length: 20_000 }, (_, i) => ({ url: `https://x/${i}` }));
      const result = validateCallParams(message, { attachments }) as { ok: boolean; value: { attachments: unknown[] } };
      expect(result.ok).toBe(true);
      expect(result.value.attachments).toHaveLength(20_000);
    });

    it('a bad field next to a long array is reported', () => {
      expect(paths(validateCallParams(message, { body: 1, attachments: Array.from({ length: 500 }, () => ({ url: 'https://x' })) }))).toEqual(['params.body']);
    });
  });
});

