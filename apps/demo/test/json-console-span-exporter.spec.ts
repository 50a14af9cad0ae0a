import { describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { JsonConsoleSpanExporter, parseJsonSpanLines, SPAN_LINE_PREFIX } from '../src/json-console-span-exporter.js';

function setup() {
  const written: string[] = [];
  const exporter = new JsonConsoleSpanExporter({ write: (chunk: string) => written.push(chunk) });
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { written, exporter, provider, tracer: provider.getTracer('test-scope') };
}

describe('JsonConsoleSpanExporter', () => {
  it('writes one prefixed JSON line per span, as each ends, with the ids that link them', async () => {
    const { written, provider, tracer } = setup();

    const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER, attributes: { 'http.route': '/x' } });
    const child = tracer.startSpan('child', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, parent));
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    child.end();
    expect(written).toHaveLength(1);
    parent.end();
    await provider.forceFlush();

    const text = written.join('');
    expect(text.split('\n').filter(Boolean).every((line) => line.startsWith(SPAN_LINE_PREFIX))).toBe(true);
    const [childLine, parentLine] = parseJsonSpanLines(`noise before\n${text}noise after\n`);
    expect(parentLine).toEqual({
      name: 'parent',
      kind: 'SERVER',
      traceId: parent.spanContext().traceId,
      spanId: parent.spanContext().spanId,
      scope: 'test-scope',
      startTimeUs: expect.any(Number),
      durationUs: expect.any(Number),
      attributes: { 'http.route': '/x' },
      status: { code: 'UNSET' },
    });
    expect(childLine).toMatchObject({
      name: 'child',
      kind: 'CLIENT',
      traceId: parent.spanContext().traceId,
      parentSpanId: parent.spanContext().spanId,
      status: { code: 'ERROR', message: 'boom' },
    });
  });

  it('fails exports once shut down', async () => {
    const { exporter } = setup();
    await exporter.shutdown();

    const result = await new Promise<ExportResult>((resolve) => exporter.export([], resolve));

    expect(result.code).toBe(ExportResultCode.FAILED);
  });
});
