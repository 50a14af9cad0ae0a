import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { EngageSendErrorFilter, EngageSendModule } from 'engage-send';
import type { EngageEmulator } from 'engage-send/testing';
import { demoConfig, type DemoConfig } from './demo-config.js';
import { EmbeddedEmulatorModule } from './embedded-emulator.module.js';
import { AgentInbox } from './agent-replies/agent-inbox.js';
import { AgentRepliesController } from './agent-replies/agent-replies.controller.js';
import { DEMO_ENDPOINT, DEMO_SOURCE_OPTIONS } from './agent-replies/demo-endpoint.js';
import { DemoEngageHandlers } from './agent-replies/engage-call-handlers.js';
import { EmulatedEngageModule } from './emulated-engage/emulated-engage.module.js';
import { HealthModule } from './health/health.module.js';
import { InspectorModule } from './inspector/inspector.module.js';
import type { EngageConnection } from './engage-connection.interface.js';
import { DemoOutboxModule } from './outbox/demo-outbox.module.js';
import { appControllers } from './outbox/demo-controllers-with-outbox.js';
import { HttpDrainModule } from './shutdown/http-drain.module.js';

/** What the demo app is built from. */
export interface DemoAppOptions {
  /** Where to send, and as which source. */
  readonly engage: EngageConnection;
  /** The emulator `bootstrap` started in-process, if any: stopped when the app shuts down. */
  readonly embeddedEmulator?: EngageEmulator;
  /** Redis for the outbox (`REDIS_URL`): content routes then enqueue and answer 202. */
  readonly redisUrl?: string;
}

/**
 * The demo: one REST route per Send API action, `EngageSendModule` configured
 * from `ConfigService`, and Engage errors answered by the library's filter.
 */
@Module({})
export class AppModule {
  static register({ engage, embeddedEmulator, redisUrl }: DemoAppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The environment is read once, in `bootstrap`; no .env file is loaded behind its back.
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [demoConfig(engage)] }),
        // The pattern to copy: options come from ConfigService and are
        // validated at bootstrap, so a bad URL or a missing token stops the app.
        EngageSendModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (config: ConfigService<DemoConfig, true>) => ({
            baseUrl: config.get('engage.baseUrl', { infer: true }),
            sourceId: config.get('engage.sourceId', { infer: true }),
            accessToken: config.get('engage.accessToken', { infer: true }),
            // Engage's calls (implementation.info, agents' replies) at POST /engage,
            // signed with the same token; the options serve both sides.
            sourceOptions: DEMO_SOURCE_OPTIONS,
            endpoint: DEMO_ENDPOINT,
            // A CLIENT span for every attempt, so the console shows the whole tree (the library's default: only when retried).
            tracing: { attemptSpans: true },
          }),
        }),
        ...(embeddedEmulator
          ? [EmbeddedEmulatorModule.register(embeddedEmulator), EmulatedEngageModule.register({ emulator: embeddedEmulator, ...engage })]
          : []),
        ...(redisUrl ? [DemoOutboxModule.register(redisUrl)] : []),
        // Answers every request already read before anything else shuts down.
        HttpDrainModule,
        // The page at `/`: what was sent, and what the embedded emulator received.
        InspectorModule.register(embeddedEmulator),
        HealthModule.register({ embeddedEmulator: embeddedEmulator !== undefined }),
      ],
      controllers: [...appControllers(redisUrl !== undefined), AgentRepliesController],
      // Every route answers EngageSendErrors the same way: 400 with the failing
      // fields, 413, 422, 429 with Retry-After, 502/503/504 for upstream trouble.
      providers: [{ provide: APP_FILTER, useClass: EngageSendErrorFilter }, AgentInbox, DemoEngageHandlers],
    };
  }
}
