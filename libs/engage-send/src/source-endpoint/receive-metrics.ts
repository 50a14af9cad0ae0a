import { metrics, ValueType, type Attributes, type Counter, type Histogram } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from '../engage-send.constants.js';
import type { ReceiveOutcome } from './receive-span.js';

/** Metric names of the source endpoint. */
export const ReceiveMetricNames = {
  /**
   * Counter `{call}`: Engage's calls, by `engage.action` (once verified and
   * known), `engage.outcome`, and `error.type` for refusals and errors.
   */
  CALLS: 'engage.receive.calls',
  /** Histogram `s`: from the first byte of the request to the answer. */
  DURATION: 'engage.receive.duration',
} as const;

// Engage's calls are answered in milliseconds; handlers may take seconds.
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The endpoint's instruments (a no-op until the app registers a
 * MeterProvider). Attribute sets are cached: actions are the handlers'
 * (bounded), error types a fixed list.
 */
export class ReceiveMetrics {
  private readonly calls: Counter;
  private readonly duration: Histogram;
  private readonly attributeCache = new Map<string, Attributes>();

  constructor(private readonly sourceId: string) {
    const meter = metrics.getMeter(INSTRUMENTATION_SCOPE);
    this.calls = meter.createCounter(ReceiveMetricNames.CALLS, { description: "Engage's calls to the source endpoint", unit: '{call}', valueType: ValueType.INT });
    this.duration = meter.createHistogram(ReceiveMetricNames.DURATION, {
      description: 'Duration of a call to the source endpoint',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
  }

  /** One call ended. */
  record(action: string | undefined, outcome: ReceiveOutcome, seconds: number, errorType?: string): void {
    const key = `${action ?? ''}|${outcome}|${errorType ?? ''}`;
    let attributes = this.attributeCache.get(key);
    if (!attributes) {
      attributes = { 'engage.source_id': this.sourceId, 'engage.outcome': outcome };
      if (action !== undefined) attributes['engage.action'] = action;
      if (errorType !== undefined) attributes['error.type'] = errorType;
      this.attributeCache.set(key, attributes);
    }
    this.calls.add(1, attributes);
    this.duration.record(seconds, attributes);
  }
}
