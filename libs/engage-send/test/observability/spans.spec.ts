import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageErrorCode, EngageSendModule, EngageSendService, getEngageSendServiceToken, SpanAttributes } from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';
import { silentLogger } from '../support/silent-logger.js';
import { TelemetryFixture } from '../support/telemetry.fixture.js';

describe('spans: one INTERNAL per send, one CLIENT per HTTP attempt', () => {
  const telemetry = new TelemetryFixture();
  let emulator: EngageEmulator;
  let moduleRef: TestingModule;
  let engage: EngageSendService;
  let port: number;

  const byKind = (kind: SpanKind) => telemetry.spans.getFinishedSpans().filter((s) => s.kind === kind);
  const sendSpan = (): ReadableSpan => {
    const spans = byKind(SpanKind.INTERNAL).filter((s) => s.name.startsWith('engage.send '));
    expect(spans).toHaveLength(1);
    return spans[0];
  };

  beforeAll(async () => {
    telemetry.register();
    emulator = await startEmulator();
    port = Number(new URL(emulator.baseUrl).port);
    const base = { baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, retry: { baseDelayMs: 5 } };
    moduleRef = await Test.createTestingModule({
      imports: [
        // Most tests look at every attempt's CLIENT span.
        EngageSendModule.forRoot({ ...base, tracing: { attemptSpans: true } }),
        EngageSendModule.forRoot({ ...base, name: 'default-attempt-spans' }),
        EngageSendModule.forRoot({ ...base, name: 'no-attempt-spans', tracing: { attemptSpans: false } }),
        EngageSendModule.forRoot({ ...base, name: 'propagating', tracing: { propagateContext: true, attemptSpans: true } }),
      ],
    })
      .setLogger(silentLogger)
      .compile();
    engage = moduleRef.get(EngageSendService);
  });
  afterAll(async () => {
    await moduleRef.close();
    await emulator.stop();
    await telemetry.shutdown();
  });
  beforeEach(() => {
    telemetry.spans.reset();
    emulator.reset();
  });

  it('a successful send: the INTERNAL span with ids and attempts, its CLIENT child per the HTTP conventions', async () => {
    await engage.messages.create(aMessage({ id: 'msg-7', thread_id: 'thread-7' }) as never);
    const send = sendSpan();
    expect(send.name).toBe('engage.send messages.create');
    expect(send.attributes).toEqual({
      [SpanAttributes.ACTION]: 'messages.create',
      [SpanAttributes.SOURCE_ID]: SOURCE.id,
      [SpanAttributes.THREAD_ID]: 'thread-7',
      [SpanAttributes.CONTENT_ID]: 'msg-7',
      [SpanAttributes.ATTEMPTS]: 1,
      [SpanAttributes.HTTP_STATUS]: 200,
    });
    expect(send.status.code).toBe(SpanStatusCode.UNSET);
    const [attempt, ...more] = byKind(SpanKind.CLIENT);
    expect(more).toHaveLength(0);
    expect(attempt.name).toBe('POST');
    expect(attempt.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(attempt.attributes).toEqual({
      'http.request.method': 'POST',
      'server.address': '127.0.0.1',
      'server.port': port,
      'url.full': `${emulator.baseUrl}/realtime/sdk/${SOURCE.id}`,
      'http.response.status_code': 200,
    });
  });

  it('threads.create carries its own id as the thread; typing carries the thread but no content id', async () => {
    await engage.threads.create({ id: 'th-1', author: { id: 'u', screenname: 'U' }, body: 'b' });
    expect(sendSpan().attributes).toMatchObject({ [SpanAttributes.THREAD_ID]: 'th-1', [SpanAttributes.CONTENT_ID]: 'th-1' });
    telemetry.spans.reset();
    await engage.typing.stop({ thread_id: 'th-2' });
    expect(sendSpan().attributes[SpanAttributes.THREAD_ID]).toBe('th-2');
    expect(sendSpan().attributes[SpanAttributes.CONTENT_ID]).toBeUndefined();
  });

  it('a retried send: one INTERNAL span, a CLIENT span per attempt with http.request.resend_count', async () => {
    emulator.injectFaults({ status: 503, body: 'down' }, 2);
    await engage.messages.create(aMessage() as never);
    const send = sendSpan();
    expect(send.attributes[SpanAttributes.ATTEMPTS]).toBe(3);
    expect(send.status.code).toBe(SpanStatusCode.UNSET);
    const attempts = byKind(SpanKind.CLIENT);
    expect(attempts.map((s) => s.attributes['http.request.resend_count'])).toEqual([undefined, 1, 2]);
    expect(attempts.map((s) => s.attributes['http.response.status_code'])).toEqual([503, 503, 200]);
    expect(attempts.map((s) => s.attributes['error.type'])).toEqual(['503', '503', undefined]);
    expect(attempts.map((s) => s.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR, SpanStatusCode.UNSET]);
    for (const attempt of attempts) expect(attempt.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
  });

  it('a failed send: ERROR status, error.type is the typed code, a recorded exception', async () => {
    emulator.injectFaults({ status: 422, body: 'Invalid resource format' }, 1);
    await expect(engage.messages.create(aMessage() as never)).rejects.toThrow();
    const send = sendSpan();
    expect(send.status.code).toBe(SpanStatusCode.ERROR);
    expect(send.attributes[SpanAttributes.ERROR_TYPE]).toBe(EngageErrorCode.INVALID_RESOURCE_FORMAT);
    expect(send.attributes[SpanAttributes.ATTEMPTS]).toBe(1);
    const exception = send.events.find((e) => e.name === 'exception');
    // The SDK takes an exception's `code` as its type.
    expect(exception?.attributes?.['exception.type']).toBe(EngageErrorCode.INVALID_RESOURCE_FORMAT);
    expect(exception?.attributes?.['exception.message']).toContain('Invalid resource format');
    const [attempt] = byKind(SpanKind.CLIENT);
    expect(attempt.attributes['error.type']).toBe('422');
  });

  it('a transport failure: the CLIENT span says which', async () => {
    emulator.injectFaults({ drop: 'before-read' }, 3);
    await expect(engage.messages.create(aMessage() as never)).rejects.toThrow();
    expect(byKind(SpanKind.CLIENT).map((s) => s.attributes['error.type'])).toEqual([
      EngageErrorCode.CONNECTION,
      EngageErrorCode.CONNECTION,
      EngageErrorCode.CONNECTION,
    ]);
  });

  it('a validation failure: ERROR span, no attempt', async () => {
    await expect(engage.messages.create(aMessage({ id: '' }) as never)).rejects.toThrow();
    expect(sendSpan().attributes[SpanAttributes.ERROR_TYPE]).toBe(EngageErrorCode.VALIDATION);
    expect(sendSpan().attributes[SpanAttributes.ATTEMPTS]).toBe(0);
    expect(byKind(SpanKind.CLIENT)).toHaveLength(0);
  });

  it('a coalesced typing.start: marked, no attempt', async () => {
    await engage.typing.start({ thread_id: 'tp', preview: 'a' });
    telemetry.spans.reset();
    await engage.typing.start({ thread_id: 'tp', preview: 'ab' });
    expect(sendSpan().attributes[SpanAttributes.COALESCED]).toBe(true);
    expect(byKind(SpanKind.CLIENT)).toHaveLength(0);
  });

  it('the active context is respected: a send inside a handler span is its child', async () => {
    await trace.getTracer('test').startActiveSpan('GET /handler', async (parent) => {
      await engage.status.markAsRead({ id: 'm1' });
      parent.end();
    });
    const parent = telemetry.spans.getFinishedSpans().find((s) => s.name === 'GET /handler')!;
    expect(sendSpan().parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(sendSpan().spanContext().traceId).toBe(parent.spanContext().traceId);
  });

  describe("by default (attemptSpans: 'retries'): one span per send, a CLIENT span per attempt only when retried", () => {
    const byDefault = () => moduleRef.get<EngageSendService>(getEngageSendServiceToken('default-attempt-spans'));

    it('a send that succeeds at once: one INTERNAL span with its status and attempts', async () => {
      await byDefault().messages.create(aMessage({ id: 'msg-d1' }) as never);
      expect(sendSpan().attributes).toMatchObject({ [SpanAttributes.HTTP_STATUS]: 200, [SpanAttributes.ATTEMPTS]: 1, [SpanAttributes.CONTENT_ID]: 'msg-d1' });
      expect(byKind(SpanKind.CLIENT)).toHaveLength(0);
    });

    it('a retried send: a CLIENT span for every attempt, the first included, in order and under the send span', async () => {
      emulator.injectFaults({ status: 503, body: 'down' }, 2);
      await byDefault().messages.create(aMessage() as never);
      const send = sendSpan();
      expect(send.attributes[SpanAttributes.ATTEMPTS]).toBe(3);
      const attempts = byKind(SpanKind.CLIENT).sort((a, b) => (a.startTime[0] - b.startTime[0]) * 1e9 + (a.startTime[1] - b.startTime[1]));
      expect(attempts.map((s) => s.attributes['http.request.resend_count'])).toEqual([undefined, 1, 2]);
      expect(attempts.map((s) => s.attributes['http.response.status_code'])).toEqual([503, 503, 200]);
      expect(attempts.map((s) => s.attributes['error.type'])).toEqual(['503', '503', undefined]);
      for (const attempt of attempts) expect(attempt.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
      // The first attempt's span starts when the attempt did, after the send span's start.
      const startNs = (t: [number, number]) => t[0] * 1e9 + t[1];
      expect(startNs(attempts[0]!.startTime)).toBeGreaterThanOrEqual(startNs(send.startTime));
      expect(startNs(attempts[0]!.startTime)).toBeLessThan(startNs(attempts[1]!.startTime));
    });

    it('a send that fails without retry: the INTERNAL span carries the error; no CLIENT span', async () => {
      emulator.injectFaults({ status: 422, body: 'Invalid resource format' }, 1);
      await expect(byDefault().messages.create(aMessage() as never)).rejects.toThrow();
      expect(sendSpan().attributes).toMatchObject({ [SpanAttributes.ERROR_TYPE]: EngageErrorCode.INVALID_RESOURCE_FORMAT, [SpanAttributes.HTTP_STATUS]: 422 });
      expect(byKind(SpanKind.CLIENT)).toHaveLength(0);
    });
  });

  it('attemptSpans: false leaves only the INTERNAL span (for apps with HTTP auto-instrumentation)', async () => {
    await moduleRef.get<EngageSendService>(getEngageSendServiceToken('no-attempt-spans')).status.markAsRead({ id: 'm1' });
    expect(sendSpan().attributes[SpanAttributes.ATTEMPTS]).toBe(1);
    expect(byKind(SpanKind.CLIENT)).toHaveLength(0);
  });

  it('no trace headers go to Engage unless propagation is enabled', async () => {
    await trace.getTracer('test').startActiveSpan('handler', async (parent) => {
      await engage.status.markAsRead({ id: 'm1' });
      await moduleRef.get<EngageSendService>(getEngageSendServiceToken('propagating')).status.markAsRead({ id: 'm2' });
      parent.end();
    });
    const [plain, propagated] = emulator.requests;
    expect(plain.headers.traceparent).toBeUndefined();
    const attempt = byKind(SpanKind.CLIENT).at(-1)!;
    expect(propagated.headers.traceparent).toBe(`00-${attempt.spanContext().traceId}-${attempt.spanContext().spanId}-01`);
  });
});
