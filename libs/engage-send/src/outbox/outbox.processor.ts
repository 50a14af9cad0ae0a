import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type Type } from '@nestjs/common';
import { hostname } from 'node:os';
import type { Job, WorkerOptions } from 'bullmq';
import { OUTBOX_DELIVERY } from './outbox.constants.js';
import type { OutboxDelivery } from './outbox-delivery.js';
import { outboxBackoff } from './outbox-failure.js';
import type { OutboxJobResult } from './outbox-job.js';
import type { LoadedBullMQ } from './load-bullmq.js';
import type { OutboxConfig } from './resolve-outbox-config.js';

/**
 * The outbox's worker, as `@nestjs/bullmq` expects one: a `WorkerHost`
 * decorated with `@Processor(queue, workerOptions)`, so `BullModule` creates
 * its `Worker` with the app's connection (`configKey`) and closes it on
 * shutdown. Built once BullMQ is loaded: the library imports neither package
 * statically.
 *
 * The worker starts on `onApplicationBootstrap`, once every module is ready,
 * and is closed on `onModuleDestroy`, before the send service stops: active
 * jobs finish their attempt, the others stay in the queue.
 */
export function createOutboxProcessor({ nest }: LoadedBullMQ, config: OutboxConfig & { worker: NonNullable<OutboxConfig['worker']> }): Type {
  const { concurrency, limiter, lockDuration, stalledInterval, maxStalledCount } = config.worker;
  const workerOptions: Omit<WorkerOptions, 'connection'> = {
    name: `engage-send@${hostname()}:${process.pid}`,
    autorun: false,
    concurrency,
    limiter,
    lockDuration,
    stalledInterval,
    maxStalledCount,
    settings: { backoffStrategy: outboxBackoff(config.retry) },
  };

  @nest.Processor({ name: config.queueName, configKey: config.configKey }, workerOptions)
  class EngageOutboxProcessor extends nest.WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
    private readonly logger = new Logger('EngageOutbox');

    constructor(@Inject(OUTBOX_DELIVERY) private readonly delivery: OutboxDelivery) {
      super();
    }

    process(job: Job, token?: string): Promise<OutboxJobResult> {
      return this.delivery.deliver(job, token, this.worker);
    }

    onApplicationBootstrap(): void {
      // The run loop resolves when the worker closes; errors in it are reported, not thrown.
      this.worker.run().catch((error: unknown) => this.logger.error(`worker of ${config.queueName} stopped: ${describe(error)}`));
    }

    async onModuleDestroy(): Promise<void> {
      await this.worker.close();
    }

    @nest.OnWorkerEvent('error')
    onError(error: Error): void {
      this.logger.error(`worker of ${config.queueName}: ${describe(error)}`);
    }
  }
  return EngageOutboxProcessor;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
