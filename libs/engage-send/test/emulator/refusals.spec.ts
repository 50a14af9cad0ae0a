import { afterEach, describe, expect, it } from '@jest/globals';

import { signBody } from '../../src/testing/index.js';
import { EmulatorPool, envelope, post, SOURCE, VALID_PARAMS } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

describe('EngageEmulator refusals (documented errors, exact status and body)', () => {
  it('answers 422 Source not found for an unknown source_id', async () => {
    const { emulator, baseUrl } = await pool.start();
    const answer = await post(baseUrl, envelope('status.mark_as_read', { id: '1' }), { sourceId: 'nope' });
    expect([answer.status, answer.body]).toEqual([422, 'Source not found']);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(emulator.refused).toEqual([{ sourceId: 'nope', status: 422, message: 'Source not found' }]);
  });

  it('answers 422 Invalid signature when the header is missing, wrong, or signed with another token', async () => {
    const { baseUrl } = await pool.start();
    const body = envelope('status.mark_as_read', { id: '1' });
    const answers = await Promise.all([
      post(baseUrl, body, { signature: null }),
      post(baseUrl, body, { signature: '' }),
      post(baseUrl, body, { token: 'other-token' }),
      post(baseUrl, body, { signature: 'z'.repeat(128) }),
      post(baseUrl, body, { signature: 'abc' }),
      post(baseUrl, body, { signature: signBody(body, SOURCE.accessToken).toUpperCase() }),
      post(baseUrl, body, { signature: `${signBody(body, SOURCE.accessToken)}0` }),
      post(baseUrl, body, { signature: signBody(body, SOURCE.accessToken).slice(0, 127) }),
      post(baseUrl, body, { signature: 'é'.repeat(64) }),
    ]);
    for (const answer of answers) expect([answer.status, answer.body]).toEqual([422, 'Invalid signature']);
  });

  it.each([
    ['not JSON', 'action=messages.create'],
    ['truncated JSON', '{"action": "status.mark_as_read", "params": {"id": "1"}'],
    ['an empty body', ''],
    ['a JSON array', '[{"action": "status.mark_as_read", "params": {"id": "1"}}]'],
    ['a JSON string', '"status.mark_as_read"'],
    ['JSON null', 'null'],
  ])('answers 400 Bad request for %s', async (_label, body) => {
    const { emulator, baseUrl } = await pool.start();
    const answer = await post(baseUrl, body);
    expect([answer.status, answer.body]).toEqual([400, 'Bad request']);
    expect(emulator.refused).toEqual([{ sourceId: SOURCE.id, status: 400, message: 'Bad request' }]);
  });

  it('answers 400 Bad request for a correctly signed body that is not valid UTF-8', async () => {
    const { baseUrl } = await pool.start();
    const body = Buffer.concat([Buffer.from('{"action": "status.mark_as_read", "params": {"id": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]);
    const answer = await post(baseUrl, body);
    expect([answer.status, answer.body]).toEqual([400, 'Bad request']);
  });

  it.each([
    ['no action', { params: { id: '1' } }],
    ['a null action', { action: null, params: { id: '1' } }],
    ['an empty action', { action: '', params: { id: '1' } }],
    ['no params', { action: 'status.mark_as_read' }],
    ['null params', { action: 'status.mark_as_read', params: null }],
    ['array params', { action: 'status.mark_as_read', params: [{ id: '1' }] }],
    ['string params', { action: 'status.mark_as_read', params: 'id=1' }],
  ])('answers 400 Invalid request format for %s', async (_label, value) => {
    const { baseUrl } = await pool.start();
    const answer = await post(baseUrl, JSON.stringify(value));
    expect([answer.status, answer.body]).toEqual([400, 'Invalid request format']);
  });

  it.each([
    ['an unknown action', 'messages.delete'],
    ['a wrongly cased action', 'Messages.Create'],
    ['a non-string action', 42],
  ])('answers 422 Invalid action for %s', async (_label, action) => {
    const { emulator, baseUrl } = await pool.start();
    const answer = await post(baseUrl, JSON.stringify({ action, params: { id: '1' } }));
    expect([answer.status, answer.body]).toEqual([422, 'Invalid action']);
    expect(emulator.refused[0]?.message).toBe('Invalid action');
  });

  it('answers 422 Invalid action for an action the integration did not declare', async () => {
    const { emulator, baseUrl } = await pool.start({ sources: [{ ...SOURCE, actions: ['messages.create'] }] });
    const refused = await post(baseUrl, envelope('status.mark_as_read', VALID_PARAMS['status.mark_as_read']!));
    const accepted = await post(baseUrl, envelope('messages.create', VALID_PARAMS['messages.create']!));
    expect([refused.status, refused.body]).toEqual([422, 'Invalid action']);
    expect([accepted.status, accepted.body]).toEqual([200, 'ok']);
    expect(emulator.refused).toEqual([{ sourceId: SOURCE.id, action: 'status.mark_as_read', status: 422, message: 'Invalid action' }]);
  });

  it('answers 422 Invalid action for typing events when the source lacks messaging.typing_indicator', async () => {
    const { baseUrl } = await pool.start({ sources: [{ ...SOURCE, options: ['view.messaging'] }] });
    const start = await post(baseUrl, envelope('typing.start', VALID_PARAMS['typing.start']!));
    const stop = await post(baseUrl, envelope('typing.stop', VALID_PARAMS['typing.stop']!));
    expect([start.status, start.body]).toEqual([422, 'Invalid action']);
    expect([stop.status, stop.body]).toEqual([422, 'Invalid action']);
  });

  it('answers 404 for any other path or method, without consuming faults', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ status: 503 });
    const body = envelope('status.mark_as_read', { id: '1' });
    const answers = await Promise.all([
      post(baseUrl, body, { path: '/' }),
      post(baseUrl, body, { path: '/realtime/sdk' }),
      post(baseUrl, body, { path: '/realtime/sdk/' }),
      post(baseUrl, body, { path: `/realtime/sdk/${SOURCE.id}/extra` }),
      post(baseUrl, body, { method: 'PUT' }),
      post(baseUrl, '', { method: 'GET' }),
    ]);
    for (const answer of answers) expect(answer.status).toBe(404);
    expect(emulator.pendingFaults).toBe(1);
    expect(emulator.refused).toEqual([]);
  });

  describe('processing order: the first failing step decides', () => {
    it('checks the source before the signature', async () => {
      const { baseUrl } = await pool.start();
      const answer = await post(baseUrl, 'not json', { sourceId: 'unknown', signature: 'bad' });
      expect(answer.body).toBe('Source not found');
    });

    it('checks the signature before parsing JSON', async () => {
      const { baseUrl } = await pool.start();
      const answer = await post(baseUrl, 'not json', { signature: 'bad' });
      expect(answer.body).toBe('Invalid signature');
    });

    it('checks the envelope before the action, and the action before required fields', async () => {
      const { baseUrl } = await pool.start();
      const noParams = await post(baseUrl, JSON.stringify({ action: 'nope' }));
      const unknownActionEmptyParams = await post(baseUrl, envelope('nope', {}));
      expect(noParams.body).toBe('Invalid request format');
      expect(unknownActionEmptyParams.body).toBe('Invalid action');
    });

    it('checks required fields before structured content', async () => {
      const { baseUrl } = await pool.start();
      const { body: _body, ...withoutBody } = VALID_PARAMS['messages.create']!;
      const answer = await post(baseUrl, envelope('messages.create', { ...withoutBody, structured_content: {} }));
      expect(answer.body).toBe('Invalid resource format');
    });
  });
});

describe('values that are objects whose toString or valueOf is not a function (hardening)', () => {
  // A signed body may hold anything JSON can: the emulator answers every one of them with one of
  // Engage's documented answers, never a 500 from a value it tried to print.
  const hostile = { toString: 1, valueOf: null };
  const bodies: [string, string][] = [
    ['an id', envelope('status.mark_as_read', { id: hostile })],
    ['the action', JSON.stringify({ action: hostile, params: { id: '1' } })],
    ['a thread to type in', envelope('typing.start', { thread_id: hostile })],
    ['a date', envelope('messages.create', { ...VALID_PARAMS['messages.create'], created_at: hostile })],
    ['a user flag', envelope('users.create', { id: hostile, puppetizable: hostile })],
  ];

  it.each([false, true])('strict: %s — each gets a documented answer', async (strict) => {
    const { baseUrl } = await pool.start({ strict });
    for (const [, body] of bodies) {
      const answer = await post(baseUrl, body);
      expect([200, 422]).toContain(answer.status);
      expect(['ok', 'Invalid action', 'Invalid resource format']).toContain(answer.body);
    }
  });
});
