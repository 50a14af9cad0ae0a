import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../reliability/retry-policy.js';
import type { EngageOutboxKeepJobs, EngageOutboxModuleOptions } from './engage-outbox-options.interface.js';
import { EngageOutboxOptionsError } from './outbox.errors.js';

/** The outbox options after validation, defaults applied. */
export interface OutboxConfig {
  /** The `EngageSendModule` registration delivered to. */
  readonly name?: string;
  readonly configKey?: string;
  readonly queueName: string;
  /** `undefined`: no worker in this process. */
  readonly worker?: {
    readonly concurrency: number;
    readonly limiter?: { readonly max: number; readonly duration: number };
    readonly lockDuration: number;
    readonly stalledInterval: number;
    readonly maxStalledCount: number;
  };
  readonly attempts: number;
  /** The library's retry rules with the outbox's backoff; BullMQ counts the attempts. */
  readonly retry: RetryPolicy;
  readonly globalConcurrency?: number;
  readonly deduplicationWindowMs: number;
  readonly keepCompleted: { readonly age: number; readonly count: number };
  readonly keepFailed: { readonly age: number; readonly count: number };
  readonly sharedTypingPacing: boolean;
}

const DEFAULT_QUEUE_NAME = 'engage-send';
const DEFAULTS = {
  concurrency: 16,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 3,
  attempts: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  deduplicationWindowMs: 3_600_000,
  keepCompleted: { age: 3_600, count: 10_000 },
  keepFailed: { age: 7 * 24 * 3_600, count: 10_000 },
} as const;

/** The queue name of a registration when none is given: `engage-send`, `engage-send-<name>`. */
export function defaultOutboxQueueName(name?: string): string {
  return name ? `${DEFAULT_QUEUE_NAME}-${name}` : DEFAULT_QUEUE_NAME;
}

/**
 * Validates `EngageOutboxModule` options and applies the defaults.
 *
 * @throws EngageOutboxOptionsError listing every invalid option.
 */
export function resolveOutboxConfig(options: EngageOutboxModuleOptions = {}): OutboxConfig {
  const problems: string[] = [];
  if (options === null || typeof options !== 'object') throw new EngageOutboxOptionsError(['options must be an object']);
  const integer = (option: string, value: unknown, min: number): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      problems.push(`${option} must be an integer ≥ ${min} (got ${String(value)})`);
      return undefined;
    }
    return value;
  };

  const { name, configKey } = options;
  if (name !== undefined && (typeof name !== 'string' || name === '')) problems.push('name must be a non-empty string');
  if (configKey !== undefined && (typeof configKey !== 'string' || configKey === '')) problems.push('configKey must be a non-empty string');
  const queueName = options.queueName ?? defaultOutboxQueueName(name);
  // BullMQ builds Redis keys as prefix:queue:…, so a ':' in the name would break them.
  if (typeof queueName !== 'string' || queueName === '' || queueName.includes(':')) {
    problems.push(`queueName must be a non-empty string without ":" (got ${JSON.stringify(queueName)}${options.queueName === undefined ? ', from name' : ''})`);
  }

  const workerOption = options.worker ?? true;
  let worker: OutboxConfig['worker'];
  if (workerOption !== false) {
    const w = workerOption === true ? {} : workerOption;
    if (w === null || typeof w !== 'object') {
      problems.push('worker must be true, false or an object');
    } else {
      let limiter: { max: number; duration: number } | undefined;
      if (w.limiter !== undefined) {
        const max = integer('worker.limiter.max', w.limiter?.max ?? null, 1);
        const duration = integer('worker.limiter.durationMs', w.limiter?.durationMs ?? null, 1);
        if (max !== undefined && duration !== undefined) limiter = { max, duration };
      }
      worker = {
        concurrency: integer('worker.concurrency', w.concurrency, 1) ?? DEFAULTS.concurrency,
        limiter,
        lockDuration: integer('worker.lockDurationMs', w.lockDurationMs, 1) ?? DEFAULTS.lockDurationMs,
        stalledInterval: integer('worker.stalledIntervalMs', w.stalledIntervalMs, 1) ?? DEFAULTS.stalledIntervalMs,
        maxStalledCount: integer('worker.maxStalledCount', w.maxStalledCount, 0) ?? DEFAULTS.maxStalledCount,
      };
    }
  }

  const retry = options.retry ?? {};
  if (retry === null || typeof retry !== 'object') problems.push('retry must be an object');
  const attempts = integer('retry.attempts', retry?.attempts, 1) ?? DEFAULTS.attempts;
  const baseDelayMs = integer('retry.baseDelayMs', retry?.baseDelayMs, 0) ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = integer('retry.maxDelayMs', retry?.maxDelayMs, 0) ?? DEFAULTS.maxDelayMs;
  const resendCreates = retry?.resendCreates ?? DEFAULT_RETRY_POLICY.resendCreates;
  if (typeof resendCreates !== 'boolean') problems.push('retry.resendCreates must be a boolean');

  const keep = (option: string, value: EngageOutboxKeepJobs | undefined, fallback: { age: number; count: number }) => {
    if (value === undefined) return fallback;
    if (value === null || typeof value !== 'object') {
      problems.push(`${option} must be { ageSeconds?, count? }`);
      return fallback;
    }
    return {
      age: integer(`${option}.ageSeconds`, value.ageSeconds, 1) ?? fallback.age,
      count: integer(`${option}.count`, value.count, 0) ?? fallback.count,
    };
  };
  const sharedTypingPacing = options.sharedTypingPacing ?? true;
  if (typeof sharedTypingPacing !== 'boolean') problems.push('sharedTypingPacing must be a boolean');

  const config: OutboxConfig = {
    name,
    configKey,
    queueName,
    worker,
    attempts,
    retry: Object.freeze({
      ...DEFAULT_RETRY_POLICY,
      // BullMQ counts attempts; a queued job may wait as long as Engage asks.
      retries: Number.MAX_SAFE_INTEGER,
      maxRetryAfterMs: Number.MAX_SAFE_INTEGER,
      baseDelayMs,
      maxDelayMs,
      resendCreates: resendCreates === true,
    }),
    globalConcurrency: integer('globalConcurrency', options.globalConcurrency, 1),
    deduplicationWindowMs: integer('deduplicationWindowMs', options.deduplicationWindowMs, 1) ?? DEFAULTS.deduplicationWindowMs,
    keepCompleted: keep('keepCompleted', options.keepCompleted, DEFAULTS.keepCompleted),
    keepFailed: keep('keepFailed', options.keepFailed, DEFAULTS.keepFailed),
    sharedTypingPacing: sharedTypingPacing === true,
  };
  if (problems.length > 0) throw new EngageOutboxOptionsError(problems);
  return Object.freeze(config);
}
