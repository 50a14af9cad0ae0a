import { EngageEmulator, type EmulatorSource } from '../../src/testing/index.js';

/** The source every send-path test talks to, unless it says otherwise. */
export const SOURCE: EmulatorSource = { id: 'src-main', accessToken: 'tok-main-9f2c1e7a-SECRET' };

/** Starts an emulator on loopback with `SOURCE` and any extra sources. */
export async function startEmulator(...extra: EmulatorSource[]): Promise<EngageEmulator> {
  const emulator = new EngageEmulator({ sources: [SOURCE, ...extra] });
  await emulator.start();
  return emulator;
}

/** A messages.create params object that passes validation. */
export function aMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'msg-1',
    thread_id: 'thread-1',
    author: { id: 'user-1', screenname: 'Jane Doe' },
    body: 'Hello',
    ...overrides,
  };
}
