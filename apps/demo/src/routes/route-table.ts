import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { EngageAction } from 'engage-send';
import { SENDS_ACTION } from './sends-action.decorator.js';

/** One route of the demo, for the start-up log. */
export interface DemoRoute {
  readonly method: string;
  /** Path from the server root, e.g. `/threads/:threadId/typing`. */
  readonly path: string;
  readonly action: EngageAction;
}

function joinPath(...parts: unknown[]): string {
  const segments = parts
    .flatMap((part) => (Array.isArray(part) ? part.slice(0, 1) : [part]))
    .filter((part): part is string => typeof part === 'string')
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '');
  return `/${segments.join('/')}`;
}

/**
 * The routes the controllers declare, read from Nest's own route metadata
 * (so the log cannot disagree with what is served), with the action each
 * handler labels itself with through `@SendsAction`.
 */
export function listRoutes(controllers: readonly Type[]): DemoRoute[] {
  const routes: DemoRoute[] = [];
  for (const controller of controllers) {
    const prefix: unknown = Reflect.getMetadata(PATH_METADATA, controller);
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const action: unknown = Reflect.getMetadata(SENDS_ACTION, handler);
      const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
      if (typeof action !== 'string' || typeof method !== 'number') continue;
      routes.push({
        method: RequestMethod[method] ?? String(method),
        path: joinPath(prefix, Reflect.getMetadata(PATH_METADATA, handler)),
        action: action as EngageAction,
      });
    }
  }
  return routes;
}
