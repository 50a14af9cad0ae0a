import type { ConfigFactory } from '@nestjs/config';
import type { EngageConnection } from './engage-connection.interface.js';

/**
 * Shape of the demo's configuration as `ConfigService` sees it. Typing
 * `ConfigService<DemoConfig, true>` lets `config.get('engage.baseUrl', { infer: true })`
 * check the key and infer the value's type.
 */
export interface DemoConfig {
  readonly engage: EngageConnection;
}

/**
 * Config factory for `ConfigModule.forRoot({ load: [...] })`. The values are
 * decided before Nest starts (the emulator's URL only exists once it
 * listens), so the factory hands them over rather than reading the environment.
 * Loaded values take precedence over `process.env` in `ConfigService.get`.
 */
export function demoConfig(engage: EngageConnection): ConfigFactory<DemoConfig> {
  return () => ({ engage });
}
