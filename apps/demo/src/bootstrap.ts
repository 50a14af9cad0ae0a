import { Logger, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EngageEmulator } from 'engage-send/testing';
import { AppModule } from './app.module.js';
import { configureDemoApp, DEMO_APP_OPTIONS } from './configure-demo-app.js';
import { startEmbeddedEmulator } from './embedded-emulator.js';
import { describeEngageTarget, resolveEngageTarget, type EngageTarget, type EngageTargetEnv } from './engage-target.js';
import { resolveListenAddress } from './listen-address.js';
import { DemoConsoleLogger } from './logging/demo-console.logger.js';
import { resolveLogLevels } from './logging/log-levels.js';
import { sendingControllers } from './outbox/demo-controllers-with-outbox.js';
import { describeRedisUrl, resolveRedisUrl } from './outbox/redis-url.js';
import { resolveAllowedHosts, type AllowedHostsEnv } from './request-rules/allowed-hosts.js';
import { listRoutes } from './routes/route-table.js';
import { describeTracing, resolveTracingSettings, type TracingEnv } from './tracing-settings.js';

/** The environment variables the demo reads. */
export interface DemoEnv extends EngageTargetEnv, AllowedHostsEnv, TracingEnv {
  readonly PORT?: string;
  readonly HOST?: string;
  /** `error`, `warn`, `log` (default), `debug` or `verbose`. */
  readonly LOG_LEVEL?: string;
  /** Redis for the outbox: when set, content routes enqueue and answer 202 with a job id. */
  readonly REDIS_URL?: string;
}

export interface DemoBootstrapOptions {
  /** Environment to read. Default `process.env`. */
  readonly env?: DemoEnv;
  /** Nest's `logger` option (e.g. `false` in tests). Default: the demo's console logger, at `LOG_LEVEL`. */
  readonly logger?: NestApplicationOptions['logger'];
}

/** A started demo. */
export interface RunningDemo {
  readonly app: NestExpressApplication;
  /** Where the demo listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly target: EngageTarget;
  /** The Engage base URL sends go to (the emulator's when embedded). */
  readonly engageBaseUrl: string;
  /** The embedded emulator, when the target is one: its records show what "Engage" received. */
  readonly emulator?: EngageEmulator;
  /** Closes the app, and with it the embedded emulator. */
  close(): Promise<void>;
}

/** The base URL to send to: the real Engage's, or that of an emulator started for the occasion. */
async function reach(target: EngageTarget): Promise<{ baseUrl: string; emulator?: EngageEmulator }> {
  return target.kind === 'engage' ? { baseUrl: target.baseUrl } : startEmbeddedEmulator(target);
}

/**
 * Starts the demo: decides the Engage target from the environment (starting
 * the embedded emulator when `ENGAGE_BASE_URL` is unset), creates the Nest
 * app, listens, and logs where and what it serves. `main.ts` calls it; tests
 * call it with their own env and close what it returns.
 */
export async function bootstrap(options: DemoBootstrapOptions = {}): Promise<RunningDemo> {
  const env = options.env ?? (process.env as DemoEnv);
  const target = resolveEngageTarget(env);
  const { host, port } = resolveListenAddress(env);
  const redisUrl = resolveRedisUrl(env.REDIS_URL);
  const allowedHosts = resolveAllowedHosts(env);
  const logger = options.logger ?? new DemoConsoleLogger({ logLevels: resolveLogLevels(env) });
  // Started (or not) by instrument.ts before Nest loads; said here, with the rest of the summary.
  const tracing = resolveTracingSettings(env);

  const { baseUrl: engageBaseUrl, emulator } = await reach(target);
  const { sourceId, accessToken } = target;

  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({ engage: { baseUrl: engageBaseUrl, sourceId, accessToken }, embeddedEmulator: emulator, redisUrl }),
      // Throw instead of exiting the process, so a failed start can be cleaned up (and tested).
      { ...DEMO_APP_OPTIONS, logger, abortOnError: false },
    );
    configureDemoApp(app, { allowedHosts });
    // SIGINT/SIGTERM close the app, and so the embedded emulator; `close()` removes the listeners.
    app.enableShutdownHooks();
    await app.listen(port, host);
  } catch (error) {
    // Once created, the app owns the emulator (EmbeddedEmulatorModule stops it
    // on close); before that, nothing else would stop it.
    if (app) await app.close();
    else await emulator?.stop();
    throw error;
  }

  const url = await app.getUrl();
  const log = new Logger('Demo');
  log.log(describeEngageTarget(target, engageBaseUrl));
  if (redisUrl) log.log(`Outbox: Redis at ${describeRedisUrl(redisUrl)}; content routes enqueue and answer 202 with a job id, GET ${url}/outbox/jobs/:jobId shows it`);
  log.log(`Listening on ${url}`);
  log.log(`  Inspector (what was sent and received, live): ${url}/`);
  log.log(`  API docs (Swagger UI): ${url}/docs`);
  log.log(`  Health: ${url}/health`);
  for (const route of listRoutes(sendingControllers(redisUrl !== undefined))) {
    log.log(`  ${route.method.padEnd(6)} ${url}${route.path}  →  ${route.action}`);
  }
  log.log(describeTracing(tracing));

  const running = app;
  return {
    app: running,
    url,
    target,
    engageBaseUrl,
    emulator,
    close: () => running.close(),
  };
}
