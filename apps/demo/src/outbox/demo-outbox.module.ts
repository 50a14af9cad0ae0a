import { Module, type DynamicModule } from '@nestjs/common';
import { EngageOutboxDependencyError, EngageOutboxModule } from 'engage-send/outbox';
import { OutboxJobsController } from './outbox-jobs.controller.js';
import { OutboxSendsController } from './outbox-sends.controller.js';

/**
 * The demo's outbox (when `REDIS_URL` is set): the app's own BullMQ
 * connection (`BullModule.forRoot`), the outbox of the default registration,
 * and the routes that enqueue and show jobs. `@nestjs/bullmq` is loaded only
 * here, so the demo without `REDIS_URL` never needs it.
 */
@Module({})
export class DemoOutboxModule {
  static register(redisUrl: string): DynamicModule {
    return {
      module: DemoOutboxModule,
      imports: [bullRoot(redisUrl), EngageOutboxModule.forRoot()],
      controllers: [OutboxSendsController, OutboxJobsController],
    };
  }
}

async function bullRoot(redisUrl: string): Promise<DynamicModule> {
  let nest: typeof import('@nestjs/bullmq');
  try {
    nest = await import('@nestjs/bullmq');
  } catch {
    throw new EngageOutboxDependencyError(['@nestjs/bullmq']);
  }
  return nest.BullModule.forRoot({ connection: { url: redisUrl } });
}
