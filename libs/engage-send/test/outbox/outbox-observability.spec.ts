import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SpanKind, trace } from '@opentelemetry/api';
import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import type { Queue } from 'bullmq';
import { SpanAttributes } from '../../src/index.js';
import { OutboxMetricNames, OutboxSpanAttributes } from '../../src/outbox/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { aMessage, startEmulator } from '../support/emulator.fixture.js';
import { RedisServer } from '../support/redis-server.js';
import { TelemetryFixture } from '../support/telemetry.fixture.js';
import { openQueue, startReplica, waitFor, type Replica } from './outbox-kit.js';

// Spans and metrics of the outbox through a real OpenTelemetry SDK, in memory.

const telemetry = new TelemetryFixture();
let redis: RedisServer;
let emulator: EngageEmulator;
let queue: Queue;
let replica: Replica;

beforeAll(async () => {
  telemetry.register();
  redis = await RedisServer.start();
  emulator = await startEmulator();
  queue = openQueue(redis.url);
  replica = await startReplica(redis.url, emulator);
});
afterAll(async () => {
  await replica.close();
  await queue.close();
  await emulator.stop();
  await redis.stop();
  await telemetry.shutdown();
});
beforeEach(() => {
  emulator.reset();
  telemetry.spans.reset();
});

const spanNamed = (name: string) => telemetry.spans.getFinishedSpans().find((span) => span.name === name);

function points(data: MetricData[], name: string): DataPoint<number | Histogram>[] {
  return (data.find((m) => m.descriptor.name === name)?.dataPoints ?? []) as DataPoint<number | Histogram>[];
}
function value(data: MetricData[], name: string, attributes: Record<string, unknown>): number {
  const point = points(data, name).find((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v));
  if (!point) return 0;
  return typeof point.value === 'number' ? point.value : point.value.count;
}

describe('outbox tracing', () => {
  it('the delivery span starts its own trace, linked to the span that enqueued the job; the send span is its child', async () => {
    const enqueued = await trace.getTracer('test').startActiveSpan('POST /messages', async (parent) => {
      try {
        return await replica.outbox.messages.create(aMessage({ id: 'o-trace' }) as never);
      } finally {
        parent.end();
      }
    });
    await waitFor('the delivery span', () => spanNamed('engage.outbox.deliver messages.create'));

    const parent = spanNamed('POST /messages')!;
    const enqueue = spanNamed('engage.outbox.enqueue messages.create')!;
    const deliver = spanNamed('engage.outbox.deliver messages.create')!;
    const send = spanNamed('engage.send messages.create')!;

    expect(enqueue.kind).toBe(SpanKind.PRODUCER);
    expect(enqueue.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(enqueue.attributes).toMatchObject({ [OutboxSpanAttributes.JOB_ID]: enqueued.jobId, [SpanAttributes.CONTENT_ID]: 'o-trace', [OutboxSpanAttributes.QUEUE]: 'engage-send' });

    expect(deliver.kind).toBe(SpanKind.CONSUMER);
    expect(deliver.parentSpanContext).toBeUndefined();
    expect(deliver.spanContext().traceId).not.toBe(enqueue.spanContext().traceId);
    expect(deliver.links.map((link) => link.context)).toEqual([expect.objectContaining({ traceId: enqueue.spanContext().traceId, spanId: enqueue.spanContext().spanId })]);
    expect(deliver.attributes).toMatchObject({ [OutboxSpanAttributes.JOB_ID]: enqueued.jobId, [OutboxSpanAttributes.ATTEMPT]: 1 });

    expect(send.parentSpanContext?.spanId).toBe(deliver.spanContext().spanId);
    expect(send.spanContext().traceId).toBe(deliver.spanContext().traceId);
  });

  it('a refused delivery records Engage’s error on the delivery span, with the outcome', async () => {
    emulator.injectFaults({ status: 503 }, 1);
    await replica.outbox.messages.create(aMessage({ id: 'o-retry' }) as never);
    await waitFor('a delivery', () => (emulator.requests.length === 1 ? true : undefined));
    await waitFor('both delivery spans', () => (telemetry.spans.getFinishedSpans().filter((s) => s.name.startsWith('engage.outbox.deliver')).length === 2 ? true : undefined));
    const [failed, delivered] = telemetry.spans.getFinishedSpans().filter((s) => s.name.startsWith('engage.outbox.deliver'));
    expect(failed!.attributes).toMatchObject({ 'engage.outbox.outcome': 'retried', [SpanAttributes.ERROR_TYPE]: 'ENGAGE_SERVER_ERROR', [OutboxSpanAttributes.ATTEMPT]: 1 });
    expect(delivered!.attributes).toMatchObject({ [OutboxSpanAttributes.ATTEMPT]: 2 });
    // Both attempts link to the one enqueue span.
    expect(failed!.links[0]!.context.spanId).toBe(delivered!.links[0]!.context.spanId);
  });
});

describe('outbox metrics', () => {
  it('enqueued, outcomes by action, job age at delivery, queue depth by state', async () => {
    const before = await telemetry.collectMetrics();
    const delta = async (name: string, attributes: Record<string, unknown>) => value(await telemetry.collectMetrics(), name, attributes) - value(before, name, attributes);
    const queueAttr = { 'engage.outbox.queue': 'engage-send' };

    emulator.injectFaults({ status: 422, body: 'Invalid action' }, 1);
    await replica.outbox.messages.create(aMessage({ id: 'o-m-refused' }) as never);
    await replica.outbox.status.markAsRead({ id: 'o-m-read' });
    await waitFor('both jobs to settle', async () => ((await queue.getJobCounts('completed', 'failed')).failed === 1 && emulator.requests.length === 1 ? true : undefined));

    expect(await delta(OutboxMetricNames.ENQUEUED, { ...queueAttr, 'engage.action': 'messages.create' })).toBe(1);
    expect(await delta(OutboxMetricNames.ENQUEUED, { ...queueAttr, 'engage.action': 'status.mark_as_read' })).toBe(1);
    expect(await delta(OutboxMetricNames.JOBS, { ...queueAttr, 'engage.action': 'messages.create', 'engage.outcome': 'failed', 'error.type': 'ENGAGE_INVALID_ACTION' })).toBe(1);
    expect(await delta(OutboxMetricNames.JOBS, { ...queueAttr, 'engage.action': 'status.mark_as_read', 'engage.outcome': 'delivered' })).toBe(1);
    expect(await delta(OutboxMetricNames.JOB_AGE, { ...queueAttr, 'engage.action': 'status.mark_as_read' })).toBe(1);
    const age = points(await telemetry.collectMetrics(), OutboxMetricNames.JOB_AGE)[0]!.value as Histogram;
    expect(age.sum).toBeGreaterThan(0);
    expect(age.sum).toBeLessThan(30); // seconds

    // Depth is read from Redis: two jobs waiting for a worker that is not there.
    const producer = await startReplica(redis.url, emulator, { worker: false, queueName: 'engage-send-depth' });
    try {
      await producer.outbox.messages.create(aMessage({ id: 'o-d-1' }) as never);
      await producer.outbox.messages.create(aMessage({ id: 'o-d-2' }) as never);
      const data = await telemetry.collectMetrics();
      expect(value(data, OutboxMetricNames.DEPTH, { 'engage.outbox.queue': 'engage-send-depth', 'engage.outbox.state': 'waiting' })).toBe(2);
      expect(value(data, OutboxMetricNames.DEPTH, { 'engage.outbox.queue': 'engage-send-depth', 'engage.outbox.state': 'active' })).toBe(0);
      expect(value(data, OutboxMetricNames.DEPTH, { ...queueAttr, 'engage.outbox.state': 'failed' })).toBe(1);
    } finally {
      await producer.close();
    }
  });
});
