import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { EngageEmulator } from 'engage-send/testing';
import { HttpDrainModule } from '../shutdown/http-drain.module.js';
import { EmulatorWatch, INSPECTED_EMULATOR } from './emulator-watch.service.js';
import { InspectorController } from './inspector.controller.js';
import { InspectorFeed } from './inspector-feed.service.js';
import { SendRecorderInterceptor } from './send-recorder.interceptor.js';

/**
 * The inspector behind the page at `/`: what the demo sent (every sending
 * route, recorded by an interceptor) and what the embedded emulator
 * received, kept in a bounded ring and streamed to the page.
 */
@Module({})
export class InspectorModule {
  /** @param embeddedEmulator the emulator to watch; none when the demo sends to a real Engage. */
  static register(embeddedEmulator?: EngageEmulator): DynamicModule {
    return {
      module: InspectorModule,
      imports: [ConfigModule, HttpDrainModule],
      controllers: [InspectorController],
      providers: [
        InspectorFeed,
        EmulatorWatch,
        { provide: INSPECTED_EMULATOR, useValue: embeddedEmulator ?? null },
        { provide: APP_INTERCEPTOR, useClass: SendRecorderInterceptor },
      ],
      exports: [InspectorFeed],
    };
  }
}
