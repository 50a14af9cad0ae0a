import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';

import type { EngageEmulatorOptions } from './emulator-options.js';
import { EngageEmulator } from './engage-emulator.js';
import { getEngageEmulatorToken } from './engage-emulator.tokens.js';

/** This module instance's emulator; exported only under the registration's public token. */
const EMULATOR_INSTANCE = Symbol('EMULATOR_INSTANCE');

/**
 * Starts an emulator on a free loopback port while the module is created, and
 * stops it when the application (or testing module) closes. Internal to
 * `EngageSendTestingModule`.
 */
@Module({})
export class EmulatorHostModule implements OnApplicationShutdown {
  constructor(@Inject(EMULATOR_INSTANCE) private readonly emulator: EngageEmulator) {}

  static register(name: string | undefined, options: EngageEmulatorOptions): DynamicModule {
    return {
      module: EmulatorHostModule,
      providers: [
        {
          provide: EMULATOR_INSTANCE,
          useFactory: async (): Promise<EngageEmulator> => {
            // Unref'd: if compile() throws after this, nothing stops it, and it must not hold the test process open.
            const emulator = new EngageEmulator({ ...options, unref: true });
            await emulator.start();
            return emulator;
          },
        },
        { provide: getEngageEmulatorToken(name), useExisting: EMULATOR_INSTANCE },
      ],
      exports: [getEngageEmulatorToken(name)],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.emulator.stop();
  }
}
