/**
 * `engage-send/outbox`: a durable outbox on Redis through `@nestjs/bullmq`,
 * and typing pacing shared by replicas. Needs the optional peers `bullmq`,
 * `@nestjs/bullmq` and a Redis client (`ioredis`); importing this entry point
 * loads none of them until `EngageOutboxModule.forRoot()` is bootstrapped.
 *
 * @packageDocumentation
 */
export { EngageOutboxModule } from './engage-outbox.module.js';
export { EngageOutbox } from './engage-outbox.js';
export { getEngageOutboxToken, InjectEngageOutbox } from './outbox.tokens.js';
export type {
  EngageOutboxKeepJobs,
  EngageOutboxModuleOptions,
  EngageOutboxRetryOptions,
  EngageOutboxWorkerOptions,
} from './engage-outbox-options.interface.js';
export type { EngageOutboxEnqueued, EngageOutboxJob, EngageOutboxJobState } from './engage-outbox-job.interface.js';
export { OUTBOX_ACTIONS, outboxJobId, type OutboxAction, type OutboxJobResult } from './outbox-job.js';
export { defaultOutboxQueueName } from './resolve-outbox-config.js';
export { EngageOutboxDependencyError, EngageOutboxOptionsError, OUTBOX_PEER_PACKAGES } from './outbox.errors.js';
export { OutboxMetricNames, type OutboxOutcome } from './outbox-metrics.js';
export { OutboxSpanAttributes } from './outbox-tracer.js';
export { RedisTypingPacer, type RedisTypingTicket, type TypingPacerRedisClient } from './redis-typing-pacer.js';
