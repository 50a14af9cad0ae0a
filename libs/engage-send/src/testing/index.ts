/**
 * `engage-send/testing`: an Engage Send API emulator (a real HTTP server), a
 * Nest testing module that points `EngageSendService` at one, and helpers for
 * tests, demos and soak runs. Not needed in production code.
 */
export { EngageEmulator } from './engage-emulator.js';
export { EngageSendTestingModule } from './engage-send-testing.module.js';
export type { EngageSendTestingModuleOptions } from './engage-send-testing-options.interface.js';
export { getEngageEmulatorToken, InjectEngageEmulator } from './engage-emulator.tokens.js';
export type { EmulatorSource, EngageEmulatorOptions } from './emulator-options.js';
export { DEFAULT_EMULATOR_LIMITS, type EmulatorLimits } from './emulator-limits.js';
export type { AcceptedSend, AsReceived, LoggedRequest, RecordedRequest, RefusedRequest } from './emulator-records.js';
export type { EmulatorFault, FaultPicker } from './emulator-fault.js';
export { randomFaults, seededRandom, type FaultRate } from './random-faults.js';
export { ENGAGE_REFUSALS, structuredContentAttributeEmpty, type EngageRefusal } from './engage-refusals.js';
export {
  DEFAULT_STRUCTURED_CONTENT_TYPES,
  ENGAGE_SOURCE_OPTIONS,
  RELAXING_SOURCE_OPTIONS,
  STRICT_SOURCE_OPTIONS,
  type EngageSourceOption,
} from './engage-source-options.js';
export { signBody } from '../signing/sign-body.js';
export {
  DEFAULT_EMULATOR_HOST,
  DEFAULT_EMULATOR_PORT,
  DEFAULT_EMULATOR_SOURCE,
  parseEmulatorCliConfig,
  type EmulatorCliConfig,
} from './emulator-cli-config.js';
export { runEmulatorCli, type EmulatorCliHandle, type ShutdownSignals } from './run-emulator-cli.js';
