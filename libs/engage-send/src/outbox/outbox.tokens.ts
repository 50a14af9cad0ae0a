import { Inject } from '@nestjs/common';
import { EngageOutbox } from './engage-outbox.js';

/**
 * Injection token of the {@link EngageOutbox} of a registration: the class
 * itself for the unnamed registration, a string for a named one (as
 * `getEngageSendServiceToken`).
 */
export function getEngageOutboxToken(name?: string): string | typeof EngageOutbox {
  return name ? `EngageOutbox:${name}` : EngageOutbox;
}

/** Injects the {@link EngageOutbox} of the registration called `name` (or the unnamed one). */
export const InjectEngageOutbox = (name?: string): ParameterDecorator & PropertyDecorator => Inject(getEngageOutboxToken(name));
