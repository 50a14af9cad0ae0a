import { afterEach, describe, expect, it } from '@jest/globals';

import { EmulatorPool, envelope, post, SOURCE } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

describe('EngageEmulator log lines', () => {
  it('show at most 64 characters of any value the client sent, and 160 of an internal error', async () => {
    const lines: string[] = [];
    const { emulator, baseUrl } = await pool.start({ logger: (line) => lines.push(line) });
    const path = `/${'p'.repeat(8_000)}`;
    const sourceId = 's'.repeat(8_000);
    const action = 'a'.repeat(1_000_000);

    await post(baseUrl, '', { method: 'GET', path });
    await post(baseUrl, envelope('status.mark_as_read', { id: '1' }), { sourceId });
    await post(baseUrl, envelope(action, {}));
    // A fault picker is user code: what it throws is logged too, and bounded too.
    emulator.injectFaults(() => {
      throw new Error(`picker failed: ${'e'.repeat(100_000)}`);
    });
    expect((await post(baseUrl, envelope('status.mark_as_read', { id: '2' }))).status).toBe(500);

    expect(lines).toEqual([
      `404 Not found GET /${'p'.repeat(63)}…(8001 chars)`,
      `422 Source not found source=${'s'.repeat(64)}…(8000 chars)`,
      expect.stringMatching(new RegExp(`^422 Invalid action source=${SOURCE.id} action=a{64}…\\(\\d+ chars\\)$`)),
      `500 internal emulator error: picker failed: ${'e'.repeat(160 - 'picker failed: '.length)}…(100015 chars)`,
    ]);
    for (const line of lines.slice(0, 3)) expect(line).not.toMatch(/(.)\1{64}/);
  });
});
