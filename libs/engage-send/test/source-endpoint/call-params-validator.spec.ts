import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { dtoFor } from '../../src/dto/contract-object.decorator.js';
import { callParamsRule, validateCallParams } from '../../src/source-endpoint/call-params-validator.js';
import { parseCallAction } from '../../src/source-endpoint/engage-call-action.js';

/*
 * The params of Engage's calls, checked by the contract checker (the send
 * side's) against `contract/endpoint-calls.ts`, with class-validator and the
 * DTOs built from the same contract listing the problems: both agree.
 */

const parsed = (action: string) => parseCallAction(action)!;
const paths = (result: unknown) => (result as { errors: { path: string }[] }).errors.map((e) => e.path);

const VALID: [string, Record<string, unknown>][] = [
  ['messages.create', { body: 'Hi', content_id: 'c1', retry: false, thread_id: 't1', in_reply_to_id: 'm1', title: null, attachments: [{ url: 'https://x/a.png', type: 'image/png', filename: 'a.png' }], extra: { kept: true } }],
  ['private_messages.create', { body: 'Hi', recipient_id: 'u1', structured_content: { type: 'select', items: [{ title: 'A' }] } }],
  ['threads.create', { title: 'T', body: 'B', retry: true }],
  ['messages.list', {}],
  ['messages.list', { since_id: 'm9' }],
  ['threads.show', { id: 't1' }],
  ['messages.follow_up', { id: 'm1', user_id: 'a1' }],
  ['messaging.queuing_update', { estimated_wait_time: 30, position: 2, thread_id: 't1' }],
];

const INVALID: [string, unknown, string[]][] = [
  ['messages.create', { retry: 'no', body: 3, attachments: [{ url: 1 }] }, ['params.retry', 'params.body', 'params.attachments.0.url']],
  ['messages.create', { attachments: ['a.png'] }, ['params.attachments.0', 'params.attachments']],
  ['messages.create', { structured_content: 'select' }, ['params.structured_content']],
  ['threads.show', {}, ['params.id']],
  ['threads.show', { id: '' }, ['params.id']],
  ['messaging.queuing_update', { position: '2' }, ['params.position']],
  ['messages.list', { since_id: 9 }, ['params.since_id']],
  ['messages.list', 'since', ['params']],
];

describe('validateCallParams', () => {
  it.each(VALID)('%s %j: accepted, every field kept as given; class-validator agrees', (action, params) => {
    const result = validateCallParams(parsed(action), params) as { ok: boolean; value: object };
    expect(result.ok).toBe(true);
    expect(result.value).toEqual(params);
    expect(validateSync(plainToInstance(dtoFor(callParamsRule(parsed(action))!), params))).toEqual([]);
  });

  it.each(INVALID)('%s %j → errors at %j', (action, params, expected) => {
    const result = validateCallParams(parsed(action), params);
    expect(result.ok).toBe(false);
    expect(paths(result)).toEqual(expected);
  });

  it('absent params count as {}', () => {
    expect(validateCallParams(parsed('messages.list'), undefined)).toMatchObject({ ok: true });
    expect(paths(validateCallParams(parsed('messages.show'), undefined))).toEqual(['params.id']);
  });

  it('an own "__proto__" key (as JSON.parse keeps one) is dropped, at any depth', () => {
    const params = JSON.parse('{"id":"x","__proto__":{"polluted":true},"extra":{"__proto__":{"polluted":true},"kept":1}}') as object;
    const result = validateCallParams(parsed('messages.show'), params) as { ok: boolean; value: Record<string, unknown> };
    expect(result.ok).toBe(true);
    expect(Object.keys(result.value)).toEqual(['id', 'extra']);
    expect(Object.keys(result.value['extra'] as object)).toEqual(['kept']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  describe('bounded, whatever the body holds', () => {
    const message = parsed('messages.create');

    it('nesting deeper than 32 levels: one error naming where', () => {
      const deep = JSON.parse(`{"extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as object;
      const result = validateCallParams(message, deep);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toContain('nested more than 32 levels deep');
      expect(validateCallParams(message, { structured_content: { a: { b: { c: {} } } } }).ok).toBe(true);
    });

    it('a long array of bad items: a few errors, not one per item', () => {
      const result = validateCallParams(message, { attachments: Array.from({ length: 50_000 }, () => ({ url: 1 })) });
      expect(paths(result)[0]).toBe('params.attachments.0.url');
      expect(paths(result).length).toBeLessThanOrEqual(10);
    });

    it('one bad item far down a long array: found, with its index', () => {
      const attachments: unknown[] = Array.from({ length: 20_000 }, (_, i) => ({ url: `https://x/${i}` }));
      attachments.push({ url: 5 });
      expect(paths(validateCallParams(message, { attachments }))).toEqual(['params.attachments.20000.url']);
    });

    it('a long valid array is accepted, whole', () => {
      const attachments = Array.from({ length: 20_000 }, (_, i) => ({ url: `https://x/${i}` }));
      const result = validateCallParams(message, { attachments }) as { ok: boolean; value: { attachments: unknown[] } };
      expect(result.ok).toBe(true);
      expect(result.value.attachments).toHaveLength(20_000);
    });
  });
});
