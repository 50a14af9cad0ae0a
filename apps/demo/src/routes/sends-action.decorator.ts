import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiForbiddenResponse, ApiOperation, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { EngageAction } from 'engage-send';
import { JsonBodyGuard } from '../request-rules/json-body.guard.js';

export const SENDS_ACTION = 'demo:sends-action';

/**
 * Marks a route handler as one that sends `action` to Engage:
 * - labels it, so the start-up log prints "POST /threads → threads.create"
 *   from the controllers themselves instead of from a list that could drift;
 * - lets it run only with a JSON object body ({@link JsonBodyGuard}): every
 *   route that signs and sends is out of reach of a form on another site;
 * - documents both in the OpenAPI document (the body itself: `@ApiBody` on the route).
 */
export const SendsAction = (action: EngageAction, description?: string): MethodDecorator =>
  applyDecorators(
    SetMetadata(SENDS_ACTION, action),
    UseGuards(JsonBodyGuard),
    ApiOperation({ summary: `Sends ${action}`, description }),
    ApiConsumes('application/json'),
    ApiBadRequestResponse({ description: 'ENGAGE_VALIDATION: the params break the Send API contract (each failing field named); or no JSON object body' }),
    ApiUnsupportedMediaTypeResponse({ description: 'DEMO_JSON_ONLY: the body is not Content-Type: application/json' }),
    ApiForbiddenResponse({ description: "DEMO_HOST_NOT_ALLOWED / DEMO_CROSS_ORIGIN: the Host is not the demo's, or the Origin another site's" }),
  );
