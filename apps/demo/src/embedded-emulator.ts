import { Logger } from '@nestjs/common';
import { EngageEmulator } from 'engage-send/testing';
import type { EmbeddedEmulatorTarget } from './engage-target.js';

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
  });
  const baseUrl = await emulator.start(0, '127.0.0.1');
  return { emulator, baseUrl };
}
