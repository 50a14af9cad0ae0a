import { Logger } from '@nestjs/common';
import { EngageEmulator, type EmulatorLimits } from 'engage-send/testing';
import type { EmbeddedEmulatorTarget } from './engage-target.js';

/**
 * What the embedded emulator keeps of what it received: enough for the
 * inspector (which shows the last 200) and for a look from a test, a fraction
 * of the emulator's defaults (10 000 records, 64 MiB), since it lives in the
 * demo's own process, for as long as the demo runs.
 */
export const EMBEDDED_EMULATOR_LIMITS: EmulatorLimits = { maxEntries: 1_000, maxRecordedBytes: 16 * 1024 * 1024 };

/** The emulator the demo runs in-process, and the URL it answers on. */
export interface EmbeddedEmulator {
  readonly emulator: EngageEmulator;
  readonly baseUrl: string;
}

/**
 * Starts the library's `EngageEmulator` with the target's one source (all
 * actions and source options enabled, the emulator's default), on
 * loopback only (it accepts anything signed with a well-known demo token)
 * and on a free port (so it never collides with the demo's own `PORT`).
 */
export async function startEmbeddedEmulator(target: EmbeddedEmulatorTarget): Promise<EmbeddedEmulator> {
  const logger = new Logger('EngageEmulator');
  const emulator = new EngageEmulator({
    sources: [{ id: target.sourceId, accessToken: target.accessToken }],
    // One line per request it accepts or refuses (never the token or signature):
    // shows what "Engage" made of each call, next to the demo's own log.
    logger: (line) => logger.log(line),
    limits: EMBEDDED_EMULATOR_LIMITS,
  });
  const baseUrl = await emulator.start(0, '127.0.0.1');
  return { emulator, baseUrl };
}
