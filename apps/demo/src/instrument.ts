// Preloaded by `npm start`: `node --import ./apps/demo/dist/instrument.js apps/demo/dist/main.js`.
//
// OpenTelemetry instrumentations patch modules as they load, so the SDK must
// start before Nest is imported: `--import` runs this file (top-level await
// included) before main.js is loaded. Nest 12 is ESM, which require hooks
// never see, so the import-in-the-middle loader hook is registered first; it
// lets the Nest instrumentation patch `@nestjs/core`'s files. (Express is CJS,
// and the HTTP instrumentation patches node:http's Server in place.)
// Tracing off (the default, see tracing-settings.ts): no hook, no SDK; the app runs exactly as without --import.
import { register } from 'node:module';
import { resolveTracingSettings, type TracingEnv, type TracingSettings } from './tracing-settings.js';

/**
 * The ES modules the loader hook intercepts: those an instrumentation patches.
 * Left unfiltered, it would wrap every ES module the app imports, for nothing.
 * Add to it with any new instrumentation of an ES module.
 */
const HOOKED_MODULES = [/\/node_modules\/@nestjs\/core\//, 'http'];

let settings: TracingSettings;
try {
  settings = resolveTracingSettings(process.env as TracingEnv);
} catch (error) {
  // Said once, like the demo's other start-up failures (main.ts), and before anything starts.
  const { Logger } = await import('@nestjs/common');
  new Logger('Demo').error(`Demo failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
if (settings.enabled) {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: HOOKED_MODULES } });
  // Imported only now, so what it loads goes through the hook too.
  const { startTracing } = await import('./tracing.js');
  startTracing(settings);
}
