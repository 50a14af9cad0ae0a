import { afterEach, describe, expect, it } from '@jest/globals';

import { signBody } from '../../src/testing/index.js';
import { EmulatorPool, SOURCE } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

/** The example bodies of the Send API page, byte for byte as the spec prints them. */
const SPEC_EXAMPLES = [
  '{"action": "messages.create", "params": {"id": "890", "actions": ["reply", "show", "list"], "author": {"id": "666", "created_at": "07/11/2019", "screenname": "John Doe"}, "body": "Awesome post !", "format": "text", "thread_id": "42"}}',
  '{"action": "messages.create", "params": {"id": "890", "author": {"id": "666", "created_at": "06/11/2017", "screenname": "John Doe"}, "body": "Awesome post !", "thread_id": "42"}}',
  '{"action": "status.mark_as_read", "params": {"id": "890"}}',
  '{"action": "typing.start", "params": {"thread_id": "42", "in_reply_to_id": "890", "preview": "Hello world"}}',
  '{"action": "typing.stop", "params": {"thread_id": "42", "in_reply_to_id": "890"}}',
];

describe('EngageEmulator accepts the spec example bodies as written', () => {
  it('answers 200 ok (text/plain) to each, over fetch, and records them in order', async () => {
    const { emulator, baseUrl } = await pool.start();
    for (const body of SPEC_EXAMPLES) {
      const response = await fetch(`${baseUrl}/realtime/sdk/${SOURCE.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-SMCCSDK-SIGNATURE': signBody(body, SOURCE.accessToken) },
        body,
      });
      expect([response.status, await response.text(), response.headers.get('content-type')]).toEqual([200, 'ok', 'text/plain; charset=utf-8']);
    }
    expect(emulator.requests.map((request) => request.action)).toEqual([
      'messages.create',
      'messages.create',
      'status.mark_as_read',
      'typing.start',
      'typing.stop',
    ]);
    expect(emulator.requests.map((request) => request.rawBody.toString('utf8'))).toEqual(SPEC_EXAMPLES);
    expect(emulator.refused).toEqual([]);
  });
});
