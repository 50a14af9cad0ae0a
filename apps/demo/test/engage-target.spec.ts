import { describe, expect, it } from '@jest/globals';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_SOURCE_ID,
  describeEngageTarget,
  resolveEngageTarget,
} from '../src/engage-target.js';

describe('resolveEngageTarget', () => {
  it('picks the embedded emulator with demo credentials when nothing is set', () => {
    expect(resolveEngageTarget({})).toEqual({
      kind: 'embedded-emulator',
      sourceId: DEMO_SOURCE_ID,
      accessToken: DEMO_ACCESS_TOKEN,
    });
    expect(DEMO_SOURCE_ID).toBe('demo-source');
    expect(DEMO_ACCESS_TOKEN).toBe('demo-token');
  });

  it('gives the embedded emulator the source id and token from the environment', () => {
    expect(resolveEngageTarget({ ENGAGE_SOURCE_ID: 'my-source', ENGAGE_ACCESS_TOKEN: 'my-token' })).toEqual({
      kind: 'embedded-emulator',
      sourceId: 'my-source',
      accessToken: 'my-token',
    });
  });

  it('treats a blank ENGAGE_BASE_URL as unset', () => {
    expect(resolveEngageTarget({ ENGAGE_BASE_URL: '  ' }).kind).toBe('embedded-emulator');
  });

  it('targets the real Engage when ENGAGE_BASE_URL is set', () => {
    expect(
      resolveEngageTarget({
        ENGAGE_BASE_URL: ' https://acme.engagement.dimelo.com ',
        ENGAGE_SOURCE_ID: '8da592bc6fcf8bae41b2',
        ENGAGE_ACCESS_TOKEN: 's3cret',
      }),
    ).toEqual({
      kind: 'engage',
      baseUrl: 'https://acme.engagement.dimelo.com',
      sourceId: '8da592bc6fcf8bae41b2',
      accessToken: 's3cret',
    });
  });

  it('refuses a real Engage without source id and token instead of using demo credentials', () => {
    expect(() => resolveEngageTarget({ ENGAGE_BASE_URL: 'https://acme.engagement.dimelo.com' })).toThrow(
      'ENGAGE_SOURCE_ID and ENGAGE_ACCESS_TOKEN must be set too',
    );
    expect(() =>
      resolveEngageTarget({ ENGAGE_BASE_URL: 'https://acme.engagement.dimelo.com', ENGAGE_SOURCE_ID: 'src' }),
    ).toThrow(/so ENGAGE_ACCESS_TOKEN must be set too/);
  });
});

describe('describeEngageTarget', () => {
  it('says the embedded emulator is used, and where, without the token', () => {
    const line = describeEngageTarget(
      { kind: 'embedded-emulator', sourceId: 'demo-source', accessToken: 'tok-123' },
      'http://127.0.0.1:4321',
    );
    expect(line).toContain('embedded EngageEmulator at http://127.0.0.1:4321');
    expect(line).toContain('demo-source');
    expect(line).not.toContain('tok-123');
  });

  it('names the real Engage domain and source, without the token', () => {
    const line = describeEngageTarget(
      { kind: 'engage', baseUrl: 'https://acme.engagement.dimelo.com', sourceId: 'src-1', accessToken: 'tok-456' },
      'https://acme.engagement.dimelo.com',
    );
    expect(line).toBe('Engage: https://acme.engagement.dimelo.com (source src-1)');
    expect(line).not.toContain('tok-456');
  });
});
