import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageSendModule, EngageSendService, type EngageSendModuleOptions } from '../../src/index.js';
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

/** What {@link sendFixture} gives a spec: the file's emulator and one registration pointed at it. */
export interface SendFixture {
  readonly emulator: EngageEmulator;
  readonly engage: EngageSendService;
}

/**
 * The hooks of a spec that sends through one registration: an emulator with
 * `SOURCE`, `EngageSendModule.forRoot` pointed at it (with `options` on top),
 * both closed after the file; the emulator reset before each test.
 */
export function sendFixture(options: Partial<EngageSendModuleOptions> = {}): SendFixture {
  let emulator: EngageEmulator | undefined;
  let moduleRef: TestingModule | undefined;
  let engage: EngageSendService | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, ...options })],
    }).compile();
    engage = moduleRef.get(EngageSendService);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await emulator?.stop();
  });
  beforeEach(() => emulator?.reset());
  return {
    get emulator() {
      return emulator as EngageEmulator;
    },
    get engage() {
      return engage as EngageSendService;
    },
  };
}
