import type { Type } from '@nestjs/common';
import { DEMO_CONTROLLERS } from '../routes/demo-controllers.js';
import { TypingController } from '../routes/typing.controller.js';
import { OutboxSendsController } from './outbox-sends.controller.js';

/**
 * The app module's own controllers: all of them without the outbox; with it,
 * only typing (the content routes are `DemoOutboxModule`'s, which enqueue).
 */
export function appControllers(withOutbox: boolean): readonly Type[] {
  return withOutbox ? [TypingController] : DEMO_CONTROLLERS;
}

/** Every controller serving a Send API action, for the start-up log. */
export function sendingControllers(withOutbox: boolean): readonly Type[] {
  return withOutbox ? [OutboxSendsController, TypingController] : DEMO_CONTROLLERS;
}
