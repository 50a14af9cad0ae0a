import { describe, expect, it } from '@jest/globals';
import { describeTracing, resolveTracingSettings } from '../src/tracing-settings.js';

describe('resolveTracingSettings', () => {
  it('is off unless asked for: no span lines in the console by default', () => {
    expect(resolveTracingSettings({})).toEqual({ enabled: false });
    expect(describeTracing({ enabled: false })).toContain('OTEL_TRACES_EXPORTER=console prints spans');
  });

  it('prints spans to the console, as engage-send-demo, with OTEL_TRACES_EXPORTER=console', () => {
    expect(resolveTracingSettings({ OTEL_TRACES_EXPORTER: 'console' })).toEqual({ enabled: true, exporter: 'console', serviceName: 'engage-send-demo' });
    expect(resolveTracingSettings({ OTEL_TRACES_EXPORTER: ' Console ' })).toMatchObject({ exporter: 'console' });
  });

  it('exports over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-only variable) is set, or OTEL_TRACES_EXPORTER=otlp', () => {
    expect(resolveTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' })).toMatchObject({ exporter: 'otlp' });
    expect(resolveTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://localhost:4318/v1/traces' })).toMatchObject({
      exporter: 'otlp',
    });
    expect(resolveTracingSettings({ OTEL_TRACES_EXPORTER: 'otlp' })).toMatchObject({ exporter: 'otlp' });
    expect(resolveTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toEqual({ enabled: false });
  });

  it('lets OTEL_TRACES_EXPORTER win over an OTLP endpoint', () => {
    expect(resolveTracingSettings({ OTEL_TRACES_EXPORTER: 'console', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' })).toMatchObject({
      exporter: 'console',
    });
    expect(resolveTracingSettings({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' })).toEqual({ enabled: false });
  });

  it.each(['true', 'TRUE', ' true '])('is off with OTEL_SDK_DISABLED=%j', (value) => {
    expect(resolveTracingSettings({ OTEL_SDK_DISABLED: value, OTEL_TRACES_EXPORTER: 'console' })).toEqual({ enabled: false });
  });

  it.each(['false', '1', ''])('stays as asked with OTEL_SDK_DISABLED=%j (only "true" disables, as in the SDK)', (value) => {
    expect(resolveTracingSettings({ OTEL_SDK_DISABLED: value, OTEL_TRACES_EXPORTER: 'console' })).toMatchObject({ enabled: true });
  });

  it('leaves the service name to the SDK when OTEL_SERVICE_NAME is set', () => {
    expect(resolveTracingSettings({ OTEL_SERVICE_NAME: 'my-demo', OTEL_TRACES_EXPORTER: 'console' })).toEqual({ enabled: true, exporter: 'console' });
  });

  it('refuses an exporter the demo does not have, naming the variable', () => {
    expect(() => resolveTracingSettings({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(
      'OTEL_TRACES_EXPORTER must be one of console, otlp, none in the demo (got "zipkin")',
    );
  });
});
