import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EngageEmulator } from 'engage-send/testing';

const EMBEDDED_EMULATOR = Symbol('EMBEDDED_EMULATOR');

/**
 * Ties the embedded emulator's lifetime to the app's: `app.close()`, or a
 * SIGINT/SIGTERM with `enableShutdownHooks()`, stops it too.
 */
@Module({})
export class EmbeddedEmulatorModule implements OnApplicationShutdown {
  constructor(@Inject(EMBEDDED_EMULATOR) private readonly emulator: EngageEmulator) {}

  static register(emulator: EngageEmulator): DynamicModule {
    return { module: EmbeddedEmulatorModule, providers: [{ provide: EMBEDDED_EMULATOR, useValue: emulator }] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.emulator.stop();
  }
}
