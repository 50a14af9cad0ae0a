import { DemoConfigError } from './demo-config.error.js';

/** The service name the demo's spans carry, unless `OTEL_SERVICE_NAME` names another. */
export const DEMO_SERVICE_NAME = 'engage-send-demo';

/** The environment variables that decide how the demo traces (the SDK reads the other `OTEL_*` ones itself). */
export interface TracingEnv {
  readonly OTEL_SDK_DISABLED?: string;
  readonly OTEL_TRACES_EXPORTER?: string;
  readonly OTEL_SERVICE_NAME?: string;
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}

/** How the demo traces, decided from the environment. */
export type TracingSettings =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      /**
       * `console`: one `otel-span {json}` line per span on stdout, as each span ends.
       * `otlp`: batched to an OpenTelemetry collector over OTLP/HTTP (JSON encoding).
       */
      readonly exporter: 'console' | 'otlp';
      /** `OTEL_SERVICE_NAME`, when set, is left to the SDK's resource detection. */
      readonly serviceName?: string;
    };

/** The `OTEL_TRACES_EXPORTER` values the demo knows. */
const EXPORTERS = ['console', 'otlp', 'none'] as const;

function isExporter(value: string): value is (typeof EXPORTERS)[number] {
  return (EXPORTERS as readonly string[]).includes(value);
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/**
 * Pure decision (no I/O), unit-tested. Tracing is on only when asked for, so
 * the console stays readable: `OTEL_TRACES_EXPORTER=console` prints spans,
 * `OTEL_TRACES_EXPORTER=otlp` or an `OTEL_EXPORTER_OTLP_ENDPOINT` (or the
 * traces-only `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) exports them, and
 * `OTEL_SDK_DISABLED=true` (case-insensitive, as the SDK reads it) or
 * `OTEL_TRACES_EXPORTER=none` turns tracing off whatever else is set.
 *
 * @throws DemoConfigError when `OTEL_TRACES_EXPORTER` names an exporter the demo does not have.
 */
export function resolveTracingSettings(env: TracingEnv): TracingSettings {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { enabled: false };
  const asked = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() || undefined;
  if (asked !== undefined && !isExporter(asked)) {
    throw new DemoConfigError(`OTEL_TRACES_EXPORTER must be one of ${EXPORTERS.join(', ')} in the demo (got ${JSON.stringify(env.OTEL_TRACES_EXPORTER)})`);
  }
  const otlpEndpoint = isSet(env.OTEL_EXPORTER_OTLP_ENDPOINT) || isSet(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const exporter = asked ?? (otlpEndpoint ? 'otlp' : 'none');
  if (exporter === 'none') return { enabled: false };
  return {
    enabled: true,
    exporter,
    ...(isSet(env.OTEL_SERVICE_NAME) ? {} : { serviceName: DEMO_SERVICE_NAME }),
  };
}

/** One line for the start-up log: where spans go, and how to change it. */
export function describeTracing(settings: TracingSettings): string {
  if (!settings.enabled) {
    return 'Tracing: off; OTEL_TRACES_EXPORTER=console prints spans, OTEL_EXPORTER_OTLP_ENDPOINT exports them';
  }
  return settings.exporter === 'otlp'
    ? 'Tracing: exporting spans over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT)'
    : 'Tracing: printing spans to stdout, one "otel-span {json}" line each (OTEL_TRACES_EXPORTER=console)';
}
