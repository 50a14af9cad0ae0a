import { ConsoleLogger } from '@nestjs/common';

/**
 * Nest's own start-up chatter (each module loaded, each route mapped): the
 * demo prints its own summary of what it serves, so these show at `verbose` only.
 */
const NEST_STARTUP_CONTEXTS: ReadonlySet<string> = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's context for an error it hit while creating the app; with `abortOnError: false` the caller gets the error too. */
const EXCEPTION_HANDLER_CONTEXT = 'ExceptionHandler';

function contextOf(params: readonly unknown[]): unknown {
  return params.at(-1);
}

/**
 * Nest's console logger, made for a person reading the demo's console: one
 * summary at start-up instead of Nest's module-by-module lines, and a failed
 * start said once (by `main.ts`, which gets the error from `bootstrap`),
 * not also by Nest with its stack.
 */
export class DemoConsoleLogger extends ConsoleLogger {
  override log(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    if (typeof context === 'string' && NEST_STARTUP_CONTEXTS.has(context)) {
      super.verbose(message, ...params);
      return;
    }
    super.log(message, ...params);
  }

  override error(message: unknown, ...params: unknown[]): void {
    if (contextOf(params) === EXCEPTION_HANDLER_CONTEXT) return;
    super.error(message, ...params);
  }
}
