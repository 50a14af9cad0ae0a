import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EngageCall } from './engage-call.interface.js';
import { ENGAGE_CALL_HANDLERS, type EngageCallHandlerMetadata } from './on-engage-call.decorator.js';

/** One `@OnEngageCall` method found in the app, bound to its instance. */
export interface DiscoveredCallHandler {
  /** Canonical action. */
  readonly action: string;
  /** The registration it serves (`undefined`: the unnamed one). */
  readonly name?: string;
  /** `Class.method`, for messages. */
  readonly label: string;
  readonly invoke: (params: object, call: EngageCall) => unknown;
}

/** Every handler of the app, and the handlers that cannot be used (on a request-scoped or transient provider). */
export interface HandlerDiscovery {
  readonly handlers: readonly DiscoveredCallHandler[];
  readonly problems: readonly string[];
}

/**
 * Finds the `@OnEngageCall` methods of every provider and controller, the
 * way Nest's own packages find `@Cron` or `@EventPattern` methods. A handler
 * must live on a singleton: Engage's calls have no request scope to build one in.
 */
export function discoverCallHandlers(discovery: DiscoveryService, scanner: MetadataScanner): HandlerDiscovery {
  const handlers: DiscoveredCallHandler[] = [];
  const problems: string[] = [];
  const seen = new Set<object>();
  for (const wrapper of [...discovery.getProviders(), ...discovery.getControllers()]) {
    if (wrapper.isAlias) continue;
    const isStatic = wrapper.isDependencyTreeStatic();
    const instance: unknown = isStatic ? wrapper.instance : undefined;
    const prototype: unknown = isStatic
      ? instance !== null && typeof instance === 'object' ? Object.getPrototypeOf(instance) : undefined
      : (wrapper.metatype as { prototype?: unknown } | null)?.prototype;
    if (prototype === null || typeof prototype !== 'object' || seen.has(isStatic ? (instance as object) : prototype)) continue;
    seen.add(isStatic ? (instance as object) : prototype);
    const className = (instance as object | undefined)?.constructor?.name ?? String(wrapper.name);
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn: unknown = (prototype as Record<string, unknown>)[method];
      if (typeof fn !== 'function') continue;
      const entries = Reflect.getMetadata(ENGAGE_CALL_HANDLERS, fn) as EngageCallHandlerMetadata[] | undefined;
      if (entries === undefined) continue;
      const label = `${className}.${method}`;
      if (!isStatic) {
        problems.push(`${label}: @OnEngageCall handlers must be on singleton providers (this one is request-scoped or transient)`);
        continue;
      }
      const invoke = (params: object, call: EngageCall): unknown => (fn as (p: object, c: EngageCall) => unknown).call(instance, params, call);
      for (const entry of entries) handlers.push({ action: entry.action, name: entry.name, label, invoke });
    }
  }
  return { handlers, problems };
}
