import { afterEach, describe, expect, it } from '@jest/globals';

import { ENGAGE_ACTIONS } from '../../src/contract/index.js';
import { STRICT_SOURCE_OPTIONS } from '../../src/testing/index.js';
import { AUTHOR, EmulatorPool, envelope, post, SOURCE, VALID_PARAMS } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

/** Sets `path` (dot-separated) in a deep copy of `params` to `value`; `undefined` deletes it. */
function withField(params: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(params);
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** Each way Engage counts a field as missing. */
const MISSING = [undefined, null, '', []] as const;

/** Required fields per action on a strict source (no messages.unthreaded, no threads.no_content). */
const REQUIRED: [string, string[]][] = [
  ['messages.create', ['id', 'thread_id', 'author', 'author.id', 'author.screenname']],
  ['private_messages.create', ['id', 'author', 'author.id', 'author.screenname', 'recipient', 'recipient.id', 'recipient.screenname']],
  ['threads.create', ['id', 'author', 'author.id', 'author.screenname', 'body']],
  ['users.create', ['id', 'screenname']],
  ['status.mark_as_read', ['id']],
  ['typing.start', ['thread_id', 'preview']],
  ['typing.stop', ['thread_id']],
];

describe('EngageEmulator required fields → 422 Invalid resource format', () => {
  it('accepts the minimal valid params of every action', async () => {
    const { emulator, baseUrl } = await pool.start({ sources: [{ ...SOURCE, options: STRICT_SOURCE_OPTIONS }] });
    for (const action of ENGAGE_ACTIONS) {
      const answer = await post(baseUrl, envelope(action, VALID_PARAMS[action]!));
      expect([action, answer.status, answer.body]).toEqual([action, 200, 'ok']);
    }
    expect(emulator.requests.map((request) => request.action)).toEqual([...ENGAGE_ACTIONS]);
  });

  describe.each(REQUIRED)('%s', (action, fields) => {
    it.each(fields)('refuses a missing, null, empty-string or empty-array %s', async (field) => {
      const { emulator, baseUrl } = await pool.start({ sources: [{ ...SOURCE, options: STRICT_SOURCE_OPTIONS }] });
      for (const missing of MISSING) {
        const answer = await post(baseUrl, envelope(action, withField(VALID_PARAMS[action]!, field, missing)));
        expect([field, missing, answer.status, answer.body]).toEqual([field, missing, 422, 'Invalid resource format']);
      }
      expect(emulator.requests).toEqual([]);
      expect(emulator.refused).toHaveLength(MISSING.length);
      expect(emulator.refused[0]).toEqual({ sourceId: SOURCE.id, action, status: 422, message: 'Invalid resource format', field: `params.${field}`, rule: 'isDefined' });
    });
  });

  it.each(['messages.create', 'private_messages.create'])('%s needs a body or at least one attachment', async (action) => {
    const { baseUrl } = await pool.start();
    const withoutBody = withField(VALID_PARAMS[action]!, 'body', undefined);
    const noContent = await post(baseUrl, envelope(action, withoutBody));
    const emptyAttachments = await post(baseUrl, envelope(action, { ...withoutBody, attachments: [] }));
    const attachmentOnly = await post(baseUrl, envelope(action, { ...withoutBody, attachments: [{ url: 'https://example.com/a.png' }] }));
    expect(noContent.body).toBe('Invalid resource format');
    expect(emptyAttachments.body).toBe('Invalid resource format');
    expect([attachmentOnly.status, attachmentOnly.body]).toEqual([200, 'ok']);
  });

  it('refuses an author given as a bare id', async () => {
    const { baseUrl } = await pool.start();
    const answer = await post(baseUrl, envelope('messages.create', { ...VALID_PARAMS['messages.create'], author: '666' }));
    expect(answer.body).toBe('Invalid resource format');
  });

  it('needs thread_id on messages.create unless the source has messages.unthreaded', async () => {
    const params = withField(VALID_PARAMS['messages.create']!, 'thread_id', undefined);
    const strict = await pool.start({ sources: [{ ...SOURCE, options: STRICT_SOURCE_OPTIONS }] });
    const unthreaded = await pool.start({ sources: [{ ...SOURCE, options: ['messages.unthreaded'] }] });
    expect((await post(strict.baseUrl, envelope('messages.create', params))).body).toBe('Invalid resource format');
    expect((await post(unthreaded.baseUrl, envelope('messages.create', params))).body).toBe('ok');
  });

  it('needs author and body on threads.create unless the source has threads.no_content', async () => {
    const params = { id: 't9', title: 'No content' };
    const strict = await pool.start({ sources: [{ ...SOURCE, options: STRICT_SOURCE_OPTIONS }] });
    const noContent = await pool.start({ sources: [{ ...SOURCE, options: ['threads.no_content'] }] });
    expect((await post(strict.baseUrl, envelope('threads.create', params))).body).toBe('Invalid resource format');
    expect((await post(noContent.baseUrl, envelope('threads.create', params))).body).toBe('ok');
    expect((await post(noContent.baseUrl, envelope('threads.create', { title: 'no id' }))).body).toBe('Invalid resource format');
  });

  it('needs only id and screenname on users, standalone or embedded, with dates in any form', async () => {
    const { baseUrl } = await pool.start();
    const author = { id: '666', screenname: 'John Doe' };
    const message = await post(baseUrl, envelope('messages.create', { ...VALID_PARAMS['messages.create'], author }));
    const quickStart = await post(baseUrl, envelope('users.create', { ...author, puppetizable: true, created_at: '06/11/2017' }));
    const epoch = await post(baseUrl, envelope('users.create', { ...author, created_at: 1349111920000, updated_at: '20121001T171840Z' }));
    expect([message.body, quickStart.body, epoch.body]).toEqual(['ok', 'ok', 'ok']);
  });

  it('refuses a date that is no date in any form, on users and contents alike', async () => {
    const { emulator, baseUrl } = await pool.start();
    const user = await post(baseUrl, envelope('users.create', { id: '1', screenname: 'J', created_at: 'yesterday' }));
    const message = await post(baseUrl, envelope('messages.create', { ...VALID_PARAMS['messages.create'], updated_at: '2019-02-30' }));
    const author = await post(baseUrl, envelope('messages.create', { ...VALID_PARAMS['messages.create'], author: { ...AUTHOR, created_at: true } }));
    expect([user.body, message.body, author.body]).toEqual(['Invalid resource format', 'Invalid resource format', 'Invalid resource format']);
    expect(emulator.refused.map((r) => r.field)).toEqual(['params.created_at', 'params.updated_at', 'params.author.created_at']);
  });

  it('treats "" in an optional field as absent, as Engage does', async () => {
    const { baseUrl } = await pool.start();
    const answer = await post(baseUrl, envelope('messages.create', { ...VALID_PARAMS['messages.create'], created_at: '', format: '', in_reply_to_id: '' }));
    expect(answer.body).toBe('ok');
  });

  it('accepts typing events keyed by in_reply_to_id alone, and refuses those with neither key', async () => {
    const { baseUrl } = await pool.start();
    const byReply = await post(baseUrl, envelope('typing.start', { in_reply_to_id: '890', preview: 'Hi' }));
    const stopByReply = await post(baseUrl, envelope('typing.stop', { in_reply_to_id: '890' }));
    const startNeither = await post(baseUrl, envelope('typing.start', { preview: 'Hi', thread_id: '' }));
    const stopNeither = await post(baseUrl, envelope('typing.stop', { in_reply_to_id: null }));
    expect([byReply.body, stopByReply.body]).toEqual(['ok', 'ok']);
    expect([startNeither.body, stopNeither.body]).toEqual(['Invalid resource format', 'Invalid resource format']);
  });

  it('ignores fields it does not know, as Engage does', async () => {
    const { emulator, baseUrl } = await pool.start();
    const answer = await post(baseUrl, envelope('messages.create', { ...VALID_PARAMS['messages.create'], threadId: 'x', author: { ...AUTHOR, shoeSize: 44 } }));
    expect(answer.body).toBe('ok');
    expect(emulator.requests[0]?.params['threadId']).toBe('x');
  });
});
