import { Inject } from '@nestjs/common';

import { EngageEmulator } from './engage-emulator.js';

/**
 * Injection token of the emulator an `EngageSendTestingModule` registration
 * started: the `EngageEmulator` class itself for the unnamed registration, a
 * string for a named one (the same `name` as `getEngageSendServiceToken`).
 */
export function getEngageEmulatorToken(name?: string): string | typeof EngageEmulator {
  return name ? `EngageEmulator:${name}` : EngageEmulator;
}

/** Injects the emulator of the testing registration called `name` (or the unnamed one). */
export const InjectEngageEmulator = (name?: string): ParameterDecorator & PropertyDecorator => Inject(getEngageEmulatorToken(name));
