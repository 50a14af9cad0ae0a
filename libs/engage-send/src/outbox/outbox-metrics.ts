import { metrics, ValueType, type Attributes, type Counter, type Histogram, type ObservableCallback, type ObservableGauge } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from '../engage-send.constants.js';

/** The outbox's metric names (OpenTelemetry conventions, as `MetricNames`). Every point carries `engage.outbox.queue`. */
export const OutboxMetricNames = {
  /** Counter `{job}`: sends stored in the queue, by `engage.action`. */
  ENQUEUED: 'engage.outbox.enqueued',
  /**
   * Counter `{job}`: delivery attempts of jobs, by `engage.action` and
   * `engage.outcome`: `delivered`, `retried` (will be tried again), `failed`
   * (for good, with `error.type`), `handed_back` (not attempted: this
   * replica is shutting down or saturated; another takes it).
   */
  JOBS: 'engage.outbox.jobs',
  /** Histogram `s`: a job's age when Engage accepted it (enqueued → delivered, waits and retries included), by `engage.action`. */
  JOB_AGE: 'engage.outbox.job.age',
  /** Gauge `{job}`: jobs in the queue by `engage.outbox.state` (`waiting`, `delayed`, `active`, `failed`), read from Redis at each collection. */
  DEPTH: 'engage.outbox.depth',
} as const;

/** How one delivery attempt of a job ended. */
export type OutboxOutcome = 'delivered' | 'retried' | 'failed' | 'handed_back';

/** The queue states the depth gauge reports. */
export const DEPTH_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

// Jobs wait from milliseconds (idle queue) to hours (backlog, long Retry-After).
const AGE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/** The outbox's instruments, through `@opentelemetry/api`'s global meter (a no-op until the app registers one). */
export class OutboxMetrics {
  private readonly enqueued: Counter;
  private readonly jobs: Counter;
  private readonly age: Histogram;
  private readonly depth: ObservableGauge;
  private readonly observeDepth: ObservableCallback;
  private readonly attributeCache = new Map<string, Attributes>();
  private readonly stateAttributes: ReadonlyMap<string, Attributes>;

  /** @param countJobs reads the number of jobs per state (from Redis); called at each collection. */
  constructor(
    private readonly queueName: string,
    countJobs: () => Promise<Record<string, number>>,
  ) {
    const meter = metrics.getMeter(INSTRUMENTATION_SCOPE);
    this.stateAttributes = new Map(DEPTH_STATES.map((state) => [state, { 'engage.outbox.queue': queueName, 'engage.outbox.state': state }]));
    this.enqueued = meter.createCounter(OutboxMetricNames.ENQUEUED, { description: 'Sends stored in the outbox queue', unit: '{job}', valueType: ValueType.INT });
    this.jobs = meter.createCounter(OutboxMetricNames.JOBS, { description: 'Delivery attempts of outbox jobs, by outcome', unit: '{job}', valueType: ValueType.INT });
    this.age = meter.createHistogram(OutboxMetricNames.JOB_AGE, {
      description: 'Age of an outbox job when Engage accepted it',
      unit: 's',
      advice: { explicitBucketBoundaries: AGE_BUCKETS },
    });
    this.depth = meter.createObservableGauge(OutboxMetricNames.DEPTH, { description: 'Jobs in the outbox queue, by state', unit: '{job}', valueType: ValueType.INT });
    this.observeDepth = async (result) => {
      const counts = await countJobs();
      for (const [state, attributes] of this.stateAttributes) result.observe(counts[state] ?? 0, attributes);
    };
    this.depth.addCallback(this.observeDepth);
  }

  /** A send was stored in the queue. */
  recordEnqueued(action: string): void {
    this.enqueued.add(1, this.attributes(action));
  }

  /** A delivery attempt ended; `ageSeconds` for a delivered job. */
  recordJob(action: string, outcome: OutboxOutcome, errorType?: string, ageSeconds?: number): void {
    this.jobs.add(1, this.attributes(action, outcome, errorType));
    if (ageSeconds !== undefined) this.age.record(ageSeconds, this.attributes(action));
  }

  /** Detaches the depth gauge (on shutdown: the queue is about to close). */
  close(): void {
    this.depth.removeCallback(this.observeDepth);
  }

  private attributes(action: string, outcome?: OutboxOutcome, errorType?: string): Attributes {
    const key = `${action}|${outcome ?? ''}|${errorType ?? ''}`;
    let attributes = this.attributeCache.get(key);
    if (!attributes) {
      attributes = { 'engage.outbox.queue': this.queueName, 'engage.action': action };
      if (outcome !== undefined) attributes['engage.outcome'] = outcome;
      if (errorType !== undefined) attributes['error.type'] = errorType;
      this.attributeCache.set(key, attributes);
    }
    return attributes;
  }
}
