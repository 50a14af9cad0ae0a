/** The service name the demo's spans carry, unless `OTEL_SERVICE_NAME` names another. */
export const DEMO_SERVICE_NAME = 'engage-send-demo';

/** The environment variables that decide how the demo traces (the SDK reads the other `OTEL_*` ones itself). */
export interface TracingEnv {
  readonly OTEL_SDK_DISABLED?: string;
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

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/**
 * Pure decision (no I/O), unit-tested: tracing is on unless
 * `OTEL_SDK_DISABLED=true` (case-insensitive, as the SDK reads it); spans go
 * to OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-only
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, to the console otherwise.
 */
export function resolveTracingSettings(env: TracingEnv): TracingSettings {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { enabled: false };
  const otlp = isSet(env.OTEL_EXPORTER_OTLP_ENDPOINT) || isSet(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  return {
    enabled: true,
    exporter: otlp ? 'otlp' : 'console',
    ...(isSet(env.OTEL_SERVICE_NAME) ? {} : { serviceName: DEMO_SERVICE_NAME }),
  };
}
