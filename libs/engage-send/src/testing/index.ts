/**
 * `engage-send/testing`: an Engage Send API emulator (a real HTTP server), a
 * Nest testing module that points `EngageSendService` at one, and helpers for
 * tests, demos and soak runs. Not needed in production code.
 */
export { EngageEmulator } from './engage-emulator.js';
export { EngageSendTestingModule } from './engage-send-testing.module.js';
export type { EngageSendTestingModuleOptions } from './engage-send-testing-options.interface.js';
export { getEngageEmulatorToken, InjectEngageEmulator } from './engage-emulator.tokens.js';
export { DEFAULT_EMULATOR_LIMITS, type EmulatorLimits, type EmulatorSource, type EngageEmulatorOptions } from './emulator-options.js';
export type { AcceptedSend, AsReceived, LoggedRequest, RecordedRequest, RefusedRequest } from './emulator-records.js';
export { randomFaults, seededRandom, type EmulatorFault, type FaultPicker, type FaultRate } from './emulator-faults.js';
export { DEFAULT_STRUCTURED_CONTENT_TYPES, STRICT_SOURCE_OPTIONS } from './emulated-source.js';
// The contract's error table and source options, under the names the emulator has always exported them by.
export {
  ENGAGE_ERRORS as ENGAGE_REFUSALS,
  ENGAGE_SOURCE_OPTIONS,
  RELAXING_SOURCE_OPTIONS,
  structuredContentAttributeEmpty,
  type EngageErrorRow as EngageRefusal,
  type EngageSourceOption,
} from '../contract/index.js';
export { signBody } from '../signing/sign-body.js';
export {
  DEFAULT_EMULATOR_HOST,
  DEFAULT_EMULATOR_PORT,
  DEFAULT_EMULATOR_SOURCE,
  parseEmulatorCliConfig,
  type EmulatorCliConfig,
} from './emulator-cli-config.js';
export { runEmulatorCli, type EmulatorCliHandle, type ShutdownSignals } from './run-emulator-cli.js';
export {
  EngageEndpointClient,
  type CrawlResult,
  type DeliveryAttempt,
  type DeliveryOptions,
  type DeliveryReport,
  type EndpointExchange,
  type EngageEndpointClientOptions,
} from './engage-endpoint-client.js';
export { EngageEndpointCallError } from './endpoint-call.error.js';
export { declaredSendActions, declaredSource, readImplementationInfo, type DeclaredImplementation } from './implementation-info-declaration.js';
export { ENDPOINT_COMMAND_USAGE, runEndpointCommand } from './run-endpoint-command.js';
