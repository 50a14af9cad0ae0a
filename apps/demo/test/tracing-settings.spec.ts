import { describe, expect, it } from '@jest/globals';
import { resolveTracingSettings } from '../src/tracing-settings.js';

describe('resolveTracingSettings', () => {
  it('traces to the console by default, as engage-send-demo', () => {
    expect(resolveTracingSettings({})).toEqual({ enabled: true, exporter: 'console', serviceName: 'engage-send-demo' });
  });

  it('exports over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-only variable) is set', () => {
    expect(resolveTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' })).toMatchObject({ exporter: 'otlp' });
    expect(resolveTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://localhost:4318/v1/traces' })).toMatchObject({
      exporter: 'otlp',
    });
    expect(resolveTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toMatchObject({ exporter: 'console' });
  });

  it.each(['true', 'TRUE', ' true '])('is off with OTEL_SDK_DISABLED=%j', (value) => {
    expect(resolveTracingSettings({ OTEL_SDK_DISABLED: value, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' })).toEqual({
      enabled: false,
    });
  });

  it.each(['false', '1', ''])('stays on with OTEL_SDK_DISABLED=%j (only "true" disables, as in the SDK)', (value) => {
    expect(resolveTracingSettings({ OTEL_SDK_DISABLED: value })).toMatchObject({ enabled: true });
  });

  it('leaves the service name to the SDK when OTEL_SERVICE_NAME is set', () => {
    expect(resolveTracingSettings({ OTEL_SERVICE_NAME: 'my-demo' })).toEqual({ enabled: true, exporter: 'console' });
  });
});
