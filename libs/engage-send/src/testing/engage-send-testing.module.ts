import { Module, type DynamicModule } from '@nestjs/common';

import { EngageSendModule } from '../engage-send.module.js';
import { EmulatorHostModule } from './emulator-host.module.js';
import type { EngageEmulator } from './engage-emulator.js';
import { getEngageEmulatorToken } from './engage-emulator.tokens.js';
import type { EngageSendTestingModuleOptions } from './engage-send-testing-options.interface.js';
import { RELAXING_SOURCE_OPTIONS } from '../contract/index.js';

/** The source a testing registration emulates and sends to, unless told otherwise. */
const DEFAULT_TEST_SOURCE = { id: 'test-source', accessToken: 'test-token' } as const;

/**
 * `EngageSendModule` for tests: starts an `EngageEmulator` on a free loopback
 * port and registers `EngageSendService` against it, so the code under test
 * sends for real (validated, signed, over HTTP) and the test reads what
 * "Engage" received. Closing the testing module stops the emulator.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({
 *   imports: [EngageSendTestingModule.forRoot()],
 *   providers: [WelcomeService],
 * }).compile();
 * await moduleRef.get(WelcomeService).welcome('thread-1');
 * const [message] = moduleRef.get(EngageEmulator).accepted('messages.create');
 * await moduleRef.close();
 */
@Module({})
export class EngageSendTestingModule {
  /** One registration and its emulator; call it once per `name` for several sources. */
  static forRoot(options: EngageSendTestingModuleOptions = {}): DynamicModule {
    const { name, isGlobal = true } = options;
    const source = { ...DEFAULT_TEST_SOURCE, ...options.source };
    const emulatorHost = EmulatorHostModule.register(name, { ...options.emulator, sources: [source] });
    const registration = EngageSendModule.forRootAsync({
      name,
      imports: [emulatorHost],
      inject: [getEngageEmulatorToken(name)],
      useFactory: (emulator: EngageEmulator) => ({
        sourceOptions: RELAXING_SOURCE_OPTIONS.filter((option) => source.options?.includes(option)),
        ...options.moduleOptions,
        baseUrl: emulator.baseUrl,
        sourceId: source.id,
        accessToken: source.accessToken,
      }),
    });
    return {
      module: EngageSendTestingModule,
      global: isGlobal,
      imports: [emulatorHost, registration],
      exports: [emulatorHost, registration],
    };
  }
}
