import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { ExportResultCode, hrTimeToMicroseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** What starts every line the exporter writes, so spans can be grepped out of the app's log. */
export const SPAN_LINE_PREFIX = 'otel-span ';

/** One span as the exporter writes it: a JSON object on one line, after {@link SPAN_LINE_PREFIX}. */
export interface JsonSpanLine {
  readonly name: string;
  /** `SERVER`, `CLIENT`, `INTERNAL`, `PRODUCER` or `CONSUMER`. */
  readonly kind: keyof typeof SpanKind;
  readonly traceId: string;
  readonly spanId: string;
  /** Absent on a root span. */
  readonly parentSpanId?: string;
  /** Instrumentation scope that made the span, e.g. `engage-send` or `@opentelemetry/instrumentation-http`. */
  readonly scope: string;
  /** Start time, microseconds since the epoch. */
  readonly startTimeUs: number;
  readonly durationUs: number;
  readonly attributes: Attributes;
  readonly status: { readonly code: keyof typeof SpanStatusCode; readonly message?: string };
}

/** Where lines go: `process.stdout` by default, anything with `write` in tests. */
export interface LineSink {
  write(chunk: string): unknown;
}

/**
 * A console exporter whose output a program can read: one JSON line per span
 * (the SDK's own `ConsoleSpanExporter` prints multi-line `util.inspect`
 * output). Meant for a SimpleSpanProcessor, so each span prints as it ends.
 */
export class JsonConsoleSpanExporter implements SpanExporter {
  private stopped = false;

  constructor(private readonly sink: LineSink = process.stdout) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('JsonConsoleSpanExporter is shut down') });
      return;
    }
    try {
      const lines = spans.map((span) => SPAN_LINE_PREFIX + JSON.stringify(toJsonSpanLine(span)) + '\n');
      this.sink.write(lines.join(''));
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  async forceFlush(): Promise<void> {
    // Lines are written as spans are exported: nothing is buffered here.
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
  }
}

/** The line written for `span`. */
export function toJsonSpanLine(span: ReadableSpan): JsonSpanLine {
  const context = span.spanContext();
  const start = hrTimeToMicroseconds(span.startTime);
  return {
    name: span.name,
    kind: SpanKind[span.kind] as keyof typeof SpanKind,
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    scope: span.instrumentationScope.name,
    startTimeUs: start,
    durationUs: hrTimeToMicroseconds(span.duration),
    attributes: span.attributes,
    status: {
      code: SpanStatusCode[span.status.code] as keyof typeof SpanStatusCode,
      ...(span.status.message ? { message: span.status.message } : {}),
    },
  };
}

/** Reads back the spans in `text` (e.g. a captured stdout): every line starting with {@link SPAN_LINE_PREFIX}. */
export function parseJsonSpanLines(text: string): JsonSpanLine[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(SPAN_LINE_PREFIX))
    .map((line) => JSON.parse(line.slice(SPAN_LINE_PREFIX.length)) as JsonSpanLine);
}
