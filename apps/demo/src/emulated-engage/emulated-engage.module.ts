import { Module, type DynamicModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EmulatedEngage, type EmulatedEngageSource } from './emulated-engage.js';
import { EmulatorAgentRepliesController } from './emulator-agent-replies.controller.js';

/** The embedded emulator playing Engage's side of the demo's endpoint (only with the embedded emulator). */
@Module({})
export class EmulatedEngageModule {
  static register(source: EmulatedEngageSource): DynamicModule {
    return {
      module: EmulatedEngageModule,
      controllers: [EmulatorAgentRepliesController],
      providers: [
        {
          provide: EmulatedEngage,
          useFactory: (adapterHost: HttpAdapterHost) => new EmulatedEngage(source, adapterHost),
          inject: [HttpAdapterHost],
        },
      ],
      exports: [EmulatedEngage],
    };
  }
}
