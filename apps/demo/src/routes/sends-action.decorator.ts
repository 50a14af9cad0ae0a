import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import type { EngageAction } from 'engage-send';
import { JsonBodyGuard } from '../request-rules/json-body.guard.js';

export const SENDS_ACTION = 'demo:sends-action';

/**
 * Marks a route handler as one that sends `action` to Engage:
 * - labels it, so the start-up log prints "POST /threads → threads.create"
 *   from the controllers themselves instead of from a list that could drift;
 * - lets it run only with a JSON object body ({@link JsonBodyGuard}): every
 *   route that signs and sends is out of reach of a form on another site.
 */
export const SendsAction = (action: EngageAction): MethodDecorator =>
  applyDecorators(SetMetadata(SENDS_ACTION, action), UseGuards(JsonBodyGuard));
