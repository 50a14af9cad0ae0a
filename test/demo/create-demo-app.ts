import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/demo/src/app.module.js';
import { configureDemoApp, DEMO_APP_OPTIONS } from '../../apps/demo/src/configure-demo-app.js';
import type { EngageConnection } from '../../apps/demo/src/engage-connection.interface.js';

/**
 * The demo's module and app settings, through Nest's testing module (as a
 * user's own e2e tests would), pointed at `engage`. The caller closes it.
 */
export async function createDemoApp(engage: EngageConnection): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ engage })] }).compile();
  // logger: false keeps the library's failure warnings out of the test output.
  const app = moduleRef.createNestApplication<NestExpressApplication>({ ...DEMO_APP_OPTIONS, logger: false });
  configureDemoApp(app);
  await app.init();
  return app;
}
