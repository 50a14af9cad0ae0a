import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ENGAGE_HTTP, ENGAGE_SEND_CONFIG, ENGAGE_SEND_SERVICE_INSTANCE } from './engage-send.constants.js';
import {
  ConfigurableModuleClass,
  ENGAGE_SEND_MODULE_OPTIONS,
  ENGAGE_SEND_REGISTRATION_NAME,
} from './engage-send.module-definition.js';
import { EngageSendService } from './engage-send.service.js';
import { EngageHttp } from './http/engage-http.js';
import type { EngageSendConfig } from './options/engage-send-config.js';
import type { EngageSendModuleOptions } from './options/engage-send-module-options.interface.js';
import { resolveEngageSendConfig } from './options/resolve-config.js';

/**
 * Pushes content to RingCentral Engage Digital through the Source SDK Send API.
 *
 * ```ts
 * EngageSendModule.forRoot({ baseUrl, sourceId, accessToken })
 * EngageSendModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (c) => ({ … }) })
 * ```
 * Register it once per Engage source; give extra registrations a `name` and
 * inject them with `@InjectEngageSend(name)`. Options are validated when the
 * module is created, so a misconfiguration stops the app at bootstrap.
 */
@Module({
  providers: [
    {
      provide: ENGAGE_SEND_CONFIG,
      useFactory: (options: EngageSendModuleOptions, name: string | undefined) => resolveEngageSendConfig(options, name),
      inject: [ENGAGE_SEND_MODULE_OPTIONS, ENGAGE_SEND_REGISTRATION_NAME],
    },
    {
      provide: ENGAGE_HTTP,
      useFactory: (config: EngageSendConfig) => new EngageHttp(config),
      inject: [ENGAGE_SEND_CONFIG],
    },
    { provide: ENGAGE_SEND_SERVICE_INSTANCE, useClass: EngageSendService },
  ],
})
export class EngageSendModule extends ConfigurableModuleClass implements OnApplicationShutdown {
  constructor(@Inject(ENGAGE_HTTP) private readonly http: EngageHttp) {
    super();
  }

  /** Closes keep-alive sockets so `app.close()` leaves nothing open. */
  onApplicationShutdown(): void {
    void this.http.destroy();
  }
}
