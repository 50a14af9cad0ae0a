import { Module, type DynamicModule } from '@nestjs/common';
import { HttpModule } from '@nestjs/axios';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { EngageHealthIndicator, SENDS_TO_EMBEDDED_EMULATOR } from './engage-health.indicator.js';
import { HealthController } from './health.controller.js';

/** `GET /health`, with `@nestjs/terminus`: whether Engage (or the embedded emulator) answers. */
@Module({})
export class HealthModule {
  static register({ embeddedEmulator }: { readonly embeddedEmulator: boolean }): DynamicModule {
    return {
      module: HealthModule,
      // HttpModule: the HTTP client terminus's HttpHealthIndicator uses (not the library's own).
      imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty' }), HttpModule, ConfigModule],
      controllers: [HealthController],
      providers: [EngageHealthIndicator, { provide: SENDS_TO_EMBEDDED_EMULATOR, useValue: embeddedEmulator }],
    };
  }
}
