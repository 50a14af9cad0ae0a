import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { EngageSendService } from '../engage-send.service.js';
import type { EngageOutboxModuleOptions } from './engage-outbox-options.interface.js';
import { EngageOutbox, resolveEngageSendService } from './engage-outbox.js';
import { OUTBOX_DELIVERY, OUTBOX_METRICS, OUTBOX_QUEUE } from './outbox.constants.js';
import { createOutboxProcessor } from './outbox.processor.js';
import { getEngageOutboxToken } from './outbox.tokens.js';
import { loadBullMQ } from './load-bullmq.js';
import { OutboxDelivery } from './outbox-delivery.js';
import { DEPTH_STATES, OutboxMetrics } from './outbox-metrics.js';
import { OutboxTracer } from './outbox-tracer.js';
import { resolveOutboxConfig, type OutboxConfig } from './resolve-outbox-config.js';

/** The part of an outbox that needs BullMQ: built once it is loaded. */
@Module({})
class OutboxQueueModule {}

/**
 * A durable outbox for an `EngageSendModule` registration, on Redis through
 * the app's own `@nestjs/bullmq` setup:
 *
 * ```ts
 * imports: [
 *   BullModule.forRoot({ connection: { url: process.env.REDIS_URL } }),
 *   EngageSendModule.forRoot({ baseUrl, sourceId, accessToken }),
 *   EngageOutboxModule.forRoot({ worker: { concurrency: 32 } }),
 * ]
 * ```
 * registers the queue with `BullModule.registerQueue` (inject it with
 * `@InjectQueue('engage-send')`), a `@Processor` worker unless `worker: false`,
 * and `EngageOutbox` (inject it with `@InjectEngageOutbox()`); typing pacing
 * of the source is shared through the same Redis. BullMQ, `@nestjs/bullmq`
 * and a Redis client are optional peers of engage-send, loaded only here: an
 * app that lacks them fails at bootstrap with an error naming them.
 */
@Module({})
export class EngageOutboxModule {
  /** @throws EngageOutboxOptionsError at once on invalid options. */
  static forRoot(options: EngageOutboxModuleOptions = {}): DynamicModule {
    const config = resolveOutboxConfig(options);
    const outboxToken = getEngageOutboxToken(config.name);
    return {
      module: EngageOutboxModule,
      imports: [queueModule(config)],
      providers: [
        {
          provide: outboxToken,
          useFactory: (moduleRef: ModuleRef, queue: Queue, metrics: OutboxMetrics) => new EngageOutbox(moduleRef, config, queue, metrics),
          inject: [ModuleRef, OUTBOX_QUEUE, OUTBOX_METRICS],
        },
      ],
      exports: [outboxToken],
    };
  }
}

/** Loads BullMQ, then registers the queue (and the worker) with `@nestjs/bullmq`. */
async function queueModule(config: OutboxConfig): Promise<DynamicModule> {
  const loaded = await loadBullMQ();
  const { nest } = loaded;
  const providers: Provider[] = [
    { provide: OUTBOX_QUEUE, useExisting: nest.getQueueToken(config.queueName) },
    {
      provide: OUTBOX_METRICS,
      useFactory: (queue: Queue) => new OutboxMetrics(config.queueName, () => queue.getJobCounts(...DEPTH_STATES)),
      inject: [OUTBOX_QUEUE],
    },
  ];
  const { worker } = config;
  if (worker) {
    const { UnrecoverableError, DelayedError } = loaded.bullmq;
    providers.push(
      {
        provide: OUTBOX_DELIVERY,
        useFactory: (moduleRef: ModuleRef, metrics: OutboxMetrics) => {
          // Resolved on the first job: the service may live in a module initialised later.
          let engage: EngageSendService | undefined;
          const service = () => (engage ??= resolveEngageSendService(moduleRef, config.name));
          return new OutboxDelivery(service, config, { UnrecoverableError, DelayedError }, metrics, new OutboxTracer(config.queueName));
        },
        inject: [ModuleRef, OUTBOX_METRICS],
      },
      createOutboxProcessor(loaded, { ...config, worker }),
    );
  }
  return {
    module: OutboxQueueModule,
    imports: [nest.BullModule.registerQueue({ name: config.queueName, configKey: config.configKey })],
    providers,
    exports: [OUTBOX_QUEUE, OUTBOX_METRICS],
  };
}
