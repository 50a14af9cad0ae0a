import { Logger } from '@nestjs/common';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { JsonConsoleSpanExporter } from './json-console-span-exporter.js';
import { Nest12Instrumentation } from './nest-instrumentation.js';
import { resolveTracingSettings, type TracingEnv, type TracingSettings } from './tracing-settings.js';

/**
 * Path prefix of the Send API. Requests to it are what the *embedded emulator*
 * (same process, own port) receives: Engage's side of the exchange, not the
 * demo's, so they get no SERVER span of their own.
 */
const SEND_API_PATH = '/realtime/sdk/';

/** The started SDK. */
export interface DemoTracing {
  readonly exporter: 'console' | 'otlp';
  /** Ends the SDK, exporting what is left. Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * The instrumentations: incoming HTTP (the SERVER span of each request) and
 * Nest (a span for the controller and one for its handler method).
 *
 * Outgoing HTTP is deliberately not instrumented (nor undici): the library
 * makes its own CLIENT span per attempt, `POST`, under `engage.send <action>`;
 * instrumenting the same requests again would double them. An app that prefers
 * auto-instrumented CLIENT spans sets the library's `tracing: { attemptSpans: false }`.
 */
export function demoInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      disableOutgoingRequestInstrumentation: true,
      ignoreIncomingRequestHook: (request) => request.url?.startsWith(SEND_API_PATH) ?? false,
      // Names the SERVER span `POST /messages` rather than `POST`: without the
      // express instrumentation, only express's matched route (`req.route`) knows it.
      applyCustomAttributesOnSpan: (span, request) => {
        const route = (request as { route?: { path?: unknown } }).route?.path;
        if (typeof route === 'string' && 'method' in request) {
          span.setAttribute('http.route', route);
          span.updateName(`${request.method} ${route}`);
        }
      },
    }),
    new Nest12Instrumentation(),
  ];
}

function spanProcessor(exporter: 'console' | 'otlp'): SpanProcessor {
  // Console: each span prints as it ends. OTLP: batched, flushed on shutdown.
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS, _TIMEOUT itself.
  return exporter === 'otlp'
    ? new BatchSpanProcessor(new OTLPTraceExporter())
    : new SimpleSpanProcessor(new JsonConsoleSpanExporter());
}

/**
 * Ends the SDK when the process is about to: on SIGTERM/SIGINT, and when the
 * event loop empties (the app closed, or failed to start).
 *
 * With `enableShutdownHooks()`, Nest's own listener closes the app on the
 * signal (ending the last requests and their spans), removes itself, and
 * raises the signal again. So on a signal this listener waits its turn: it
 * acts only once it is the last listener left, flushes, and raises the signal
 * once more with no listener left, so the process ends as the signal asks
 * (exit status 128 + signal number, as without tracing).
 */
function shutDownWithTheProcess(shutdown: () => Promise<void>): void {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  // Signal listeners do not keep the process alive: without this, the loop
  // could empty while Nest's re-raised signal is still on its way.
  let waitingForNest: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) {
      waitingForNest ??= setInterval(() => {}, 60_000);
      return;
    }
    void shutdown().finally(() => {
      for (const s of signals) process.removeListener(s, onSignal);
      clearInterval(waitingForNest);
      process.kill(process.pid, signal);
    });
  };
  for (const signal of signals) process.on(signal, onSignal);
  // Async work here keeps the process alive until the export is done.
  process.once('beforeExit', () => void shutdown());
}

/**
 * Starts the OpenTelemetry Node SDK for the demo, before Nest is loaded (see
 * `instrument.ts`, which `npm start` preloads with `node --import`). Returns
 * `undefined` when tracing is off (see `resolveTracingSettings`).
 *
 * `bootstrap()` knows nothing of this: without it (as in the in-process
 * tests), the library's spans go to `@opentelemetry/api`'s no-op tracer.
 */
export function startTracing(
  settings: TracingSettings = resolveTracingSettings(process.env as TracingEnv),
): DemoTracing | undefined {
  if (!settings.enabled) return undefined;
  const { exporter } = settings;

  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    spanProcessors: [spanProcessor(exporter)],
    instrumentations: demoInstrumentations(),
    // Traces only on the console. With OTLP, metrics (the library's too) follow
    // the SDK's environment defaults (OTEL_METRICS_EXPORTER, `otlp` if unset).
    ...(exporter === 'console' ? { metricReaders: [] } : {}),
    // Nothing in the demo emits OpenTelemetry logs.
    logRecordProcessors: [],
  });
  sdk.start();

  let ending: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (ending ??= sdk.shutdown().catch((error: unknown) => {
      new Logger('Tracing').error(`OpenTelemetry shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    }));
  shutDownWithTheProcess(shutdown);

  return { exporter, shutdown };
}
