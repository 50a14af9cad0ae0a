import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageErrorCode, EngageSendModule, EngageSendService, SpanAttributes } from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';

describe('one OpenTelemetry span per send', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let emulator: EngageEmulator;
  let moduleRef: TestingModule;
  let engage: EngageSendService;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
    emulator = await startEmulator();
    moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken })],
    }).compile();
    engage = moduleRef.get(EngageSendService);
  });
  afterAll(async () => {
    await moduleRef.close();
    await emulator.stop();
    await provider.shutdown();
    trace.disable();
    context.disable();
  });
  beforeEach(() => {
    exporter.reset();
    emulator.reset();
  });

  it('a successful send: engage.send <action>, its attributes, status unset', async () => {
    await engage.messages.create(aMessage() as never);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span.name).toBe('engage.send messages.create');
    expect(span.kind).toBe(SpanKind.INTERNAL);
    expect(span.attributes).toEqual({
      [SpanAttributes.ACTION]: 'messages.create',
      [SpanAttributes.SOURCE_ID]: SOURCE.id,
      [SpanAttributes.HTTP_STATUS]: 200,
      [SpanAttributes.ATTEMPTS]: 1,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('an Engage refusal: ERROR status, error.type is the typed code, status code recorded', async () => {
    emulator.injectFaults({ status: 422, body: 'Invalid resource format' }, 1); // never retried
    await expect(engage.messages.create(aMessage() as never)).rejects.toThrow();
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[SpanAttributes.ERROR_TYPE]).toBe(EngageErrorCode.INVALID_RESOURCE_FORMAT);
    expect(span.attributes[SpanAttributes.HTTP_STATUS]).toBe(422);
  });

  it('a local validation failure: ERROR status, error.type ENGAGE_VALIDATION, no HTTP status', async () => {
    await expect(engage.messages.create(aMessage({ id: '' }) as never)).rejects.toThrow();
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[SpanAttributes.ERROR_TYPE]).toBe(EngageErrorCode.VALIDATION);
    expect(span.attributes[SpanAttributes.HTTP_STATUS]).toBeUndefined();
  });

  it('a send inside an active span is its child', async () => {
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('incoming request', async (parent) => {
      await engage.status.markAsRead({ id: 'm1' });
      parent.end();
    });
    const spans = exporter.getFinishedSpans();
    const send = spans.find((s) => s.name === 'engage.send status.mark_as_read')!;
    const parent = spans.find((s) => s.name === 'incoming request')!;
    expect(send.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(send.spanContext().traceId).toBe(parent.spanContext().traceId);
  });

  it('spans carry no body, token or signature', async () => {
    await engage.messages.create(aMessage({ body: 'very private words' }) as never);
    emulator.injectFaults({ status: 503, body: 'down' }, 1);
    await engage.messages.create(aMessage({ body: 'very private words' }) as never).catch(() => undefined);
    const signature = emulator.requests[0].signature;
    const dump = JSON.stringify(exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events })));
    expect(dump).not.toContain('very private words');
    expect(dump).not.toContain(SOURCE.accessToken);
    expect(dump).not.toContain(signature);
  });
});
