import { afterEach, describe, expect, it } from '@jest/globals';

import { EngageEmulator, signBody } from '../../src/testing/index.js';
import { EmulatorPool, envelope, post, SOURCE, VALID_PARAMS } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

const MARK_READ = envelope('status.mark_as_read', { id: '890' });

describe('EngageEmulator records', () => {
  it('records accepted requests with source, action, params, raw body, signature, headers and arrival time', async () => {
    const { emulator, baseUrl } = await pool.start({ now: () => 1_234 });
    await post(baseUrl, MARK_READ, { headers: { 'x-request-id': 'req-1' } });
    expect(emulator.requests).toHaveLength(1);
    const [recorded] = emulator.requests;
    expect(recorded).toMatchObject({
      sourceId: SOURCE.id,
      action: 'status.mark_as_read',
      params: { id: '890' },
      signature: signBody(MARK_READ, SOURCE.accessToken),
      receivedAt: 1_234,
    });
    expect(recorded?.rawBody.toString('utf8')).toBe(MARK_READ);
    expect(recorded?.headers['x-request-id']).toBe('req-1');
    expect(recorded?.headers['content-type']).toBe('application/json');
  });

  it('keeps requests in arrival order and refusals apart, and logs every request on any path', async () => {
    const { emulator, baseUrl } = await pool.start();
    await post(baseUrl, envelope('status.mark_as_read', { id: 'a' }));
    await post(baseUrl, MARK_READ, { signature: 'bad' });
    await post(baseUrl, '', { method: 'GET', path: '/health?verbose=1' });
    await post(baseUrl, envelope('status.mark_as_read', { id: 'b' }));
    await post(baseUrl, MARK_READ, { sourceId: 'other' });

    expect(emulator.requests.map((request) => request.params['id'])).toEqual(['a', 'b']);
    expect(emulator.refused).toEqual([
      { sourceId: SOURCE.id, status: 422, message: 'Invalid signature' },
      { sourceId: 'other', status: 422, message: 'Source not found' },
    ]);
    expect(emulator.log).toEqual([
      { method: 'POST', path: `/realtime/sdk/${SOURCE.id}`, status: 200 },
      { method: 'POST', path: `/realtime/sdk/${SOURCE.id}`, status: 422 },
      { method: 'GET', path: '/health', status: 404 },
      { method: 'POST', path: `/realtime/sdk/${SOURCE.id}`, status: 200 },
      { method: 'POST', path: '/realtime/sdk/other', status: 422 },
    ]);
    expect(emulator.received).toBe(5);
  });

  it('URL-decodes the source id', async () => {
    const spaced = { id: 'my source/1', accessToken: 'tok' };
    const { emulator, baseUrl } = await pool.start({ sources: [spaced] });
    const answer = await post(baseUrl, MARK_READ, { sourceId: spaced.id, token: spaced.accessToken });
    expect(answer.body).toBe('ok');
    expect(emulator.requests[0]?.sourceId).toBe('my source/1');
  });

  it('logs one line per request accepted or refused, never with the token or the signature', async () => {
    const lines: string[] = [];
    const { baseUrl } = await pool.start({ logger: (line) => lines.push(line) });
    const badSignature = 'f'.repeat(128);
    await post(baseUrl, MARK_READ);
    await post(baseUrl, MARK_READ, { signature: badSignature });
    await post(baseUrl, envelope('messages.create', {}));
    await post(baseUrl, MARK_READ, { sourceId: 'evil\nforged line' });
    expect(lines).toEqual([
      `200 status.mark_as_read source=${SOURCE.id} id=890`,
      `422 Invalid signature source=${SOURCE.id}`,
      `422 Invalid resource format source=${SOURCE.id} action=messages.create`,
      '422 Source not found source=evil?forged line',
    ]);
    const all = lines.join('\n');
    expect(all).not.toContain(SOURCE.accessToken);
    expect(all).not.toContain(badSignature);
    expect(all).not.toContain(signBody(MARK_READ, SOURCE.accessToken));
  });

  it('reset() clears requests, refusals, the log and the received count', async () => {
    const { emulator, baseUrl } = await pool.start();
    await post(baseUrl, MARK_READ);
    await post(baseUrl, MARK_READ, { signature: 'bad' });
    const requests = emulator.requests;
    emulator.reset();
    expect([emulator.requests, emulator.refused, emulator.log, emulator.received]).toEqual([[], [], [], 0]);
    expect(emulator.requests).toBe(requests); // same array: references held by tests stay live
    await post(baseUrl, MARK_READ);
    expect(emulator.received).toBe(1);
  });

  it('addSource() adds a source at runtime and replaces one with the same id', async () => {
    const { emulator, baseUrl } = await pool.start();
    expect((await post(baseUrl, MARK_READ, { sourceId: 'late', token: 'late-token' })).body).toBe('Source not found');
    emulator.addSource({ id: 'late', accessToken: 'late-token' });
    expect((await post(baseUrl, MARK_READ, { sourceId: 'late', token: 'late-token' })).body).toBe('ok');
    emulator.addSource({ ...SOURCE, actions: ['messages.create'] });
    expect((await post(baseUrl, MARK_READ)).body).toBe('Invalid action');
    expect((await post(baseUrl, envelope('messages.create', VALID_PARAMS['messages.create']!))).body).toBe('ok');
  });

  it('rejects sources without an id or a token, or with an unknown action', () => {
    expect(() => new EngageEmulator({ sources: [{ id: '', accessToken: 't' }] })).toThrow(TypeError);
    expect(() => new EngageEmulator({ sources: [{ id: 's', accessToken: '' }] })).toThrow(TypeError);
    expect(() => new EngageEmulator({ sources: [{ id: 's', accessToken: 't', actions: ['messages.delete' as 'messages.create'] }] })).toThrow(TypeError);
  });
});
