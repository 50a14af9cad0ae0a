import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import { Test, type TestingModule } from '@nestjs/testing';
import { EngageErrorCode, EngageSendModule, EngageSendService, MetricNames } from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';
import { silentLogger } from '../support/silent-logger.js';
import { TelemetryFixture } from '../support/telemetry.fixture.js';

describe('metrics through the API meter', () => {
  const telemetry = new TelemetryFixture();
  let emulator: EngageEmulator;
  let moduleRef: TestingModule;
  let engage: EngageSendService;

  // Metrics are cumulative: each test reads the change it caused.
  let before: MetricData[] = [];
  const find = (data: MetricData[], name: string) => data.find((m) => m.descriptor.name === name);
  const value = (data: MetricData[], name: string, attributes: Record<string, unknown>): number => {
    const points = (find(data, name)?.dataPoints ?? []) as DataPoint<number | Histogram>[];
    const point = points.find((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v) && Object.keys(p.attributes).length === Object.keys(attributes).length);
    if (!point) return 0;
    return typeof point.value === 'number' ? point.value : point.value.count;
  };
  const delta = async (name: string, attributes: Record<string, unknown>) => value(await telemetry.collectMetrics(), name, attributes) - value(before, name, attributes);

  beforeAll(async () => {
    telemetry.register();
    emulator = await startEmulator();
    moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, retry: { baseDelayMs: 5 }, maxInFlight: 1 })],
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
  beforeEach(async () => {
    emulator.reset();
    before = await telemetry.collectMetrics();
  });

  const ids = { 'engage.action': 'messages.create', 'engage.source_id': SOURCE.id };

  it('engage.sends and engage.send.duration by action and outcome; engage.send.attempt.duration by status', async () => {
    await engage.messages.create(aMessage() as never);
    expect(await delta(MetricNames.SENDS, { ...ids, 'engage.outcome': 'success' })).toBe(1);
    expect(await delta(MetricNames.SEND_DURATION, { ...ids, 'engage.outcome': 'success' })).toBe(1);
    expect(await delta(MetricNames.ATTEMPT_DURATION, { ...ids, 'http.response.status_code': 200 })).toBe(1);
    const data = await telemetry.collectMetrics();
    expect(find(data, MetricNames.SEND_DURATION)?.descriptor.unit).toBe('s');
    expect(find(data, MetricNames.ATTEMPT_DURATION)?.descriptor.unit).toBe('s');
    expect(find(data, MetricNames.SENDS)?.descriptor.unit).toBe('{send}');
    const histogram = find(data, MetricNames.SEND_DURATION)!.dataPoints[0].value as Histogram;
    expect(histogram.sum).toBeGreaterThan(0);
    expect(histogram.sum).toBeLessThan(5); // seconds, not milliseconds
  });

  it('a failure: outcome failure with error.type; retries counted by cause', async () => {
    emulator.injectFaults({ status: 503, body: 'down' }, 3);
    await expect(engage.messages.create(aMessage() as never)).rejects.toThrow();
    expect(await delta(MetricNames.SENDS, { ...ids, 'engage.outcome': 'failure', 'error.type': EngageErrorCode.SERVER_ERROR })).toBe(1);
    expect(await delta(MetricNames.RETRIES, { ...ids, 'error.type': EngageErrorCode.SERVER_ERROR })).toBe(2);
    expect(await delta(MetricNames.ATTEMPT_DURATION, { ...ids, 'http.response.status_code': 503, 'error.type': EngageErrorCode.SERVER_ERROR })).toBe(3);
  });

  it('coalesced typing events are counted', async () => {
    await engage.typing.start({ thread_id: 'm-t', preview: 'a' });
    await engage.typing.start({ thread_id: 'm-t', preview: 'ab' });
    await engage.typing.start({ thread_id: 'm-t', preview: 'abc' });
    expect(await delta(MetricNames.TYPING_COALESCED, { 'engage.source_id': SOURCE.id })).toBe(2);
    expect(await delta(MetricNames.SENDS, { 'engage.action': 'typing.start', 'engage.source_id': SOURCE.id, 'engage.outcome': 'coalesced' })).toBe(2);
  });

  it('in-flight and queued sends are observed', async () => {
    emulator.injectFaults({ delayMs: 300 }, 1);
    const first = engage.status.markAsRead({ id: 'a' });
    const second = engage.status.markAsRead({ id: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const during = await telemetry.collectMetrics();
    expect(value(during, MetricNames.IN_FLIGHT, { 'engage.source_id': SOURCE.id })).toBe(1);
    expect(value(during, MetricNames.QUEUED, { 'engage.source_id': SOURCE.id })).toBe(1);
    await Promise.all([first, second]);
    const after = await telemetry.collectMetrics();
    expect(value(after, MetricNames.IN_FLIGHT, { 'engage.source_id': SOURCE.id })).toBe(0);
    expect(value(after, MetricNames.QUEUED, { 'engage.source_id': SOURCE.id })).toBe(0);
  });
});
