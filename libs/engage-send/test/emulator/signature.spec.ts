import { createHmac } from 'node:crypto';

import { afterEach, describe, expect, it } from '@jest/globals';

import { signBody } from '../../src/testing/index.js';
import { EmulatorPool, post, SOURCE } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

// Deliberately not what JSON.stringify would produce (spacing, key order, escapes kept
// raw), so the test fails if the emulator ever re-serialises before checking.
const NON_ASCII_BODY =
  '{ "params" : {"id":"m-é","thread_id":"42", "author":{"id":"666","screenname":"Zoë «Ünïcødé»"},' +
  ' "body":"Café crème 🎉👩‍💻 </script><script>alert(1)</script> \\u00e9 ✓"},\n  "action":"messages.create" }';

describe('EngageEmulator signature (HMAC-SHA512 of the raw bytes)', () => {
  it('signBody is the lowercase hex HMAC-SHA512 of the UTF-8 bytes', () => {
    const expected = createHmac('sha512', 'key').update(Buffer.from('Café 🎉', 'utf8')).digest('hex');
    expect(signBody('Café 🎉', 'key')).toBe(expected);
    expect(signBody(Buffer.from('Café 🎉', 'utf8'), 'key')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{128}$/);
  });

  it('accepts a non-ASCII body signed over its exact bytes, and keeps those bytes', async () => {
    const { emulator, baseUrl } = await pool.start();
    const bytes = Buffer.from(NON_ASCII_BODY, 'utf8');
    const answer = await post(baseUrl, bytes);
    expect([answer.status, answer.body]).toEqual([200, 'ok']);
    const [recorded] = emulator.requests;
    expect(recorded?.rawBody.equals(bytes)).toBe(true);
    expect(recorded?.signature).toBe(signBody(bytes, SOURCE.accessToken));
    expect(recorded?.params['body']).toBe('Café crème 🎉👩‍💻 </script><script>alert(1)</script> é ✓');
  });

  it('refuses the same body with one byte flipped after signing', async () => {
    const { emulator, baseUrl } = await pool.start();
    const bytes = Buffer.from(NON_ASCII_BODY, 'utf8');
    const signature = signBody(bytes, SOURCE.accessToken);
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf(Buffer.from('Café'));
    tampered[at] = tampered[at]! ^ 0x20; // 'C' → 'c': still valid JSON, different bytes
    const answer = await post(baseUrl, tampered, { signature });
    expect([answer.status, answer.body]).toEqual([422, 'Invalid signature']);
    expect(emulator.requests).toEqual([]);
  });

  it('refuses a signature of the re-serialised JSON instead of the bytes sent', async () => {
    const { baseUrl } = await pool.start();
    const reserialised = JSON.stringify(JSON.parse(NON_ASCII_BODY));
    const answer = await post(baseUrl, NON_ASCII_BODY, { signature: signBody(reserialised, SOURCE.accessToken) });
    expect(answer.body).toBe('Invalid signature');
  });

  it('refuses a body signed as Latin-1 instead of UTF-8', async () => {
    const { baseUrl } = await pool.start();
    const answer = await post(baseUrl, NON_ASCII_BODY, { signature: signBody(Buffer.from(NON_ASCII_BODY, 'latin1'), SOURCE.accessToken) });
    expect(answer.body).toBe('Invalid signature');
  });
});
