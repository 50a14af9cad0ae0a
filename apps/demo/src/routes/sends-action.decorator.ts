import { SetMetadata } from '@nestjs/common';
import type { EngageAction } from 'engage-send';

export const SENDS_ACTION = 'demo:sends-action';

/**
 * Labels a route handler with the Send API action it performs, so the
 * start-up log can print "POST /threads → threads.create" from the
 * controllers themselves instead of from a list that could drift.
 */
export const SendsAction = (action: EngageAction): MethodDecorator => SetMetadata(SENDS_ACTION, action);
