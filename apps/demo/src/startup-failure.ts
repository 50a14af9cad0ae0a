import { EngageSendOptionsError } from 'engage-send';
import { DemoConfigError } from './demo-config.error.js';

/** What `main.ts` prints when the demo cannot start: one message, and a stack only for what may be a bug. */
export interface StartupFailure {
  readonly message: string;
  readonly stack?: string;
}

/**
 * A configuration mistake (the demo's environment, or the library's options)
 * is said in its own words, which name what to fix; a port in use says how to
 * pick another; anything else keeps its stack.
 */
export function describeStartupFailure(error: unknown): StartupFailure {
  if (error instanceof DemoConfigError || error instanceof EngageSendOptionsError) {
    return { message: `Demo failed to start: ${error.message}` };
  }
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return { message: `Demo failed to start: ${error.message}; set PORT to a free port (PORT=0 picks one)` };
  }
  if (error instanceof Error) return { message: `Demo failed to start: ${error.message}`, stack: error.stack };
  return { message: `Demo failed to start: ${String(error)}` };
}
