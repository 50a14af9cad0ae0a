import type { EngageSendModuleOptions } from '../options/engage-send-module-options.interface.js';
import type { EmulatorSource, EngageEmulatorOptions } from './emulator-options.js';

/** Options of `EngageSendTestingModule.forRoot()`. Every field is optional. */
export interface EngageSendTestingModuleOptions {
  /**
   * Name of the registration, as in `EngageSendModule.forRoot({ name })`: the
   * service is then injected with `@InjectEngageSend(name)` and the emulator
   * with `@InjectEngageEmulator(name)`. Default: unnamed (`EngageSendService`,
   * `EngageEmulator`).
   */
  name?: string;
  /**
   * Register globally, so providers in any module of the test can inject the
   * service, as they would a globally registered `EngageSendModule`. Default `true`.
   */
  isGlobal?: boolean;
  /**
   * The emulated Engage source, and the one the registration sends to: `id`
   * (default `test-source`), `accessToken` (default `test-token`), and what it
   * declares (`options`, `actions`, `structuredContentTypes`; the emulator's defaults).
   */
  source?: Partial<EmulatorSource>;
  /**
   * `EngageSendModule` options other than where to send, e.g. `{ retry: false }`.
   * `sourceOptions` defaults to the relaxing options the source declares
   * (`messages.unthreaded`, `threads.no_content`), so both sides agree.
   */
  moduleOptions?: Omit<EngageSendModuleOptions, 'baseUrl' | 'sourceId' | 'accessToken'>;
  /** Emulator options other than its sources: `logger`, `limits`, `typingWindowMs`, `now`. */
  emulator?: Omit<EngageEmulatorOptions, 'sources'>;
}
