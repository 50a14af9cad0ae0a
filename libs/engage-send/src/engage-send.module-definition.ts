import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import type { EngageHttp } from './http/engage-http.js';
import { ENGAGE_HTTP, ENGAGE_SEND_SERVICE_INSTANCE } from './engage-send.constants.js';
import { getEngageHttpServiceToken, getEngageSendServiceToken } from './engage-send.tokens.js';
import type {
  EngageSendModuleExtras,
  EngageSendModuleOptions,
} from './options/engage-send-module-options.interface.js';

export const ENGAGE_SEND_REGISTRATION_NAME = Symbol('ENGAGE_SEND_REGISTRATION_NAME');

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: ENGAGE_SEND_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<EngageSendModuleOptions>({ moduleName: 'EngageSend' })
  .setClassMethodName('forRoot')
  .setExtras<EngageSendModuleExtras>({ isGlobal: false, name: undefined }, (definition, { isGlobal, name }) => {
    // Each registration exposes its service and HTTP service under tokens
    // derived from its name, so several sources can live in one app.
    const publicProviders: Provider[] = [
      // useValue cannot hold `undefined` (Nest would not see a value provider).
      { provide: ENGAGE_SEND_REGISTRATION_NAME, useFactory: () => name },
      { provide: getEngageHttpServiceToken(name), useFactory: (http: EngageHttp) => http.service, inject: [ENGAGE_HTTP] },
      { provide: getEngageSendServiceToken(name), useExisting: ENGAGE_SEND_SERVICE_INSTANCE },
    ];
    return {
      ...definition,
      global: isGlobal,
      providers: [...(definition.providers ?? []), ...publicProviders],
      exports: [...(definition.exports ?? []), getEngageSendServiceToken(name), getEngageHttpServiceToken(name)],
    };
  })
  .build();
