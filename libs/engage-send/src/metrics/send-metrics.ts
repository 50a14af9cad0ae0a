import { metrics, ValueType, type Attributes, type Counter, type Histogram, type ObservableUpDownCounter, type ObservableCallback } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from '../engage-send.constants.js';

/** Metric names, following OpenTelemetry naming conventions (dotted, units in `unit`, no `_total`). */
export const MetricNames = {
  /** Counter `{send}`: logical sends, by `engage.action` and `engage.outcome` (`success`, `failure`, `coalesced`), with `error.type` on failures. */
  SENDS: 'engage.sends',
  /** Histogram `s`: duration of a logical send, validation to final answer, retries and waits included. */
  SEND_DURATION: 'engage.send.duration',
  /** Histogram `s`: duration of one HTTP attempt, with `http.response.status_code` or `error.type`. */
  ATTEMPT_DURATION: 'engage.send.attempt.duration',
  /** Counter `{retry}`: retries, by `engage.action` and the `error.type` that caused them. */
  RETRIES: 'engage.send.retries',
  /** Counter `{event}`: `typing.start` events coalesced by client-side pacing (not sent). */
  TYPING_COALESCED: 'engage.typing.coalesced',
  /** UpDownCounter `{send}`: sends holding a concurrency slot. */
  IN_FLIGHT: 'engage.send.in_flight',
  /** UpDownCounter `{send}`: sends waiting for a slot. */
  QUEUED: 'engage.send.queued',
} as const;

/** How a logical send ended, for the `engage.outcome` attribute. */
export type SendOutcome = 'success' | 'failure' | 'coalesced';

// Engage answers in milliseconds to seconds; retries stretch sends to tens of seconds.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The library's instruments, through `@opentelemetry/api`'s global meter
 * (a no-op until the app registers a MeterProvider). One per registration;
 * attribute sets are built once and reused, so recording allocates nothing.
 */
export class SendMetrics {
  private readonly sends: Counter;
  private readonly sendDuration: Histogram;
  private readonly attemptDuration: Histogram;
  private readonly retries: Counter;
  private readonly typingCoalesced: Counter;
  private readonly inFlight: ObservableUpDownCounter;
  private readonly queued: ObservableUpDownCounter;
  private readonly observeInFlight: ObservableCallback;
  private readonly observeQueued: ObservableCallback;
  /** action → kind → error type or status → attributes. */
  private readonly attributeCache = new Map<string, Map<string, Map<string | number, Attributes>>>();
  private readonly sourceAttributes: Attributes;

  constructor(
    private readonly sourceId: string,
    gauges: { inFlight: () => number; queued: () => number },
  ) {
    const meter = metrics.getMeter(INSTRUMENTATION_SCOPE);
    this.sourceAttributes = { 'engage.source_id': sourceId };
    this.sends = meter.createCounter(MetricNames.SENDS, { description: 'Logical sends to the Engage Send API', unit: '{send}', valueType: ValueType.INT });
    const duration = { unit: 's', advice: { explicitBucketBoundaries: DURATION_BUCKETS } };
    this.sendDuration = meter.createHistogram(MetricNames.SEND_DURATION, { ...duration, description: 'Duration of a send, retries included' });
    this.attemptDuration = meter.createHistogram(MetricNames.ATTEMPT_DURATION, { ...duration, description: 'Duration of one HTTP attempt' });
    this.retries = meter.createCounter(MetricNames.RETRIES, { description: 'Retried attempts', unit: '{retry}', valueType: ValueType.INT });
    this.typingCoalesced = meter.createCounter(MetricNames.TYPING_COALESCED, {
      description: 'typing.start events not sent because one was sent within the 2 s window',
      unit: '{event}',
      valueType: ValueType.INT,
    });
    this.inFlight = meter.createObservableUpDownCounter(MetricNames.IN_FLIGHT, { description: 'Sends in flight', unit: '{send}', valueType: ValueType.INT });
    this.queued = meter.createObservableUpDownCounter(MetricNames.QUEUED, { description: 'Sends waiting for a slot', unit: '{send}', valueType: ValueType.INT });
    this.observeInFlight = (result) => result.observe(gauges.inFlight(), this.sourceAttributes);
    this.observeQueued = (result) => result.observe(gauges.queued(), this.sourceAttributes);
    this.inFlight.addCallback(this.observeInFlight);
    this.queued.addCallback(this.observeQueued);
  }

  /** A logical send ended. */
  recordSend(action: string, outcome: SendOutcome, seconds: number, errorType?: string): void {
    const attributes = this.attributes(action, outcome, errorType);
    this.sends.add(1, attributes);
    this.sendDuration.record(seconds, attributes);
    if (outcome === 'coalesced') this.typingCoalesced.add(1, this.sourceAttributes);
  }

  /** One HTTP attempt ended, with Engage's status or a transport error type. */
  recordAttempt(action: string, seconds: number, status: number | undefined, errorType?: string): void {
    this.attemptDuration.record(seconds, this.attributes(action, 'attempt', errorType, status));
  }

  /** A retry is about to be made after `errorType`. */
  recordRetry(action: string, errorType: string): void {
    this.retries.add(1, this.attributes(action, 'retry', errorType));
  }

  /** Detaches the gauges' callbacks (on shutdown). */
  close(): void {
    this.inFlight.removeCallback(this.observeInFlight);
    this.queued.removeCallback(this.observeQueued);
  }

  /**
   * The attribute set of a record, built once per combination and reused: a
   * lookup in nested maps, so recording allocates nothing.
   */
  private attributes(action: string, kind: string, errorType?: string, status?: number): Attributes {
    let byKind = this.attributeCache.get(action);
    if (byKind === undefined) this.attributeCache.set(action, (byKind = new Map()));
    let byDetail = byKind.get(kind);
    if (byDetail === undefined) byKind.set(kind, (byDetail = new Map()));
    // Failures only (rare) pay for a composite key.
    const detail = errorType === undefined ? (status ?? '') : status === undefined ? errorType : `${errorType}|${status}`;
    let attributes = byDetail.get(detail);
    if (attributes === undefined) {
      attributes = { 'engage.action': action, 'engage.source_id': this.sourceId };
      if (kind === 'success' || kind === 'failure' || kind === 'coalesced') attributes['engage.outcome'] = kind;
      if (errorType !== undefined) attributes['error.type'] = errorType;
      if (status !== undefined) attributes['http.response.status_code'] = status;
      byDetail.set(detail, attributes);
    }
    return attributes;
  }
}
