import { parseEmulatorCliConfig } from './emulator-cli-config.js';
import { EngageEmulator } from './engage-emulator.js';
import { syncWithEndpoint } from './sync-with-endpoint.js';

/** Where shutdown signals come from: `process`, or any emitter in tests. */
export interface ShutdownSignals {
  once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/** A running standalone emulator. */
export interface EmulatorCliHandle {
  /** The emulator, e.g. to inspect its records in a test. */
  readonly emulator: EngageEmulator;
  /** Its base URL, e.g. `http://127.0.0.1:8787`. */
  readonly baseUrl: string;
  /** Resolves once the emulator has stopped, whether by signal or by `shutdown()`. */
  readonly stopped: Promise<void>;
  /** Stops the emulator, as a SIGINT/SIGTERM would. Idempotent. */
  shutdown(reason?: string): Promise<void>;
}

/**
 * The standalone emulator (`engage-emulator` / `emulator.cli.js`): reads its
 * configuration from `env` (see {@link parseEmulatorCliConfig}), starts, logs
 * a start-up line and one line per request through `log`, and stops on the
 * first SIGINT or SIGTERM from `signals`. Kept apart from the CLI file so it
 * can be tested in-process. Rejects on invalid configuration or when the port
 * cannot be bound.
 */
export async function runEmulatorCli(
  env: Readonly<Record<string, string | undefined>> = process.env,
  log: (line: string) => void = (line) => console.log(line),
  signals: ShutdownSignals = process,
): Promise<EmulatorCliHandle> {
  const config = parseEmulatorCliConfig(env);
  const emulator = new EngageEmulator({ sources: config.sources, logger: log });
  const baseUrl = await emulator.start(config.port, config.host);

  const ids = config.sources.map((source) => source.id).join(', ');
  // Tokens are secrets even in a demo: name the sources, never print their tokens.
  const sourcesText = config.usesDefaultSource
    ? `${ids} (default source with the default demo token; set ENGAGE_EMULATOR_SOURCES=id:token[,id:token…] to use your own)`
    : ids;
  log(`Engage emulator listening on ${baseUrl} (POST ${baseUrl}/realtime/sdk/<source_id>); sources: ${sourcesText}`);
  // ENGAGE_ENDPOINT_URL: ask the integration what it declares, as Engage does when the source is saved.
  if (env['ENGAGE_ENDPOINT_URL']?.trim()) await syncWithEndpoint(emulator, config.sources[0]!, env, log);

  let stopping: Promise<void> | undefined;
  let markStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const shutdown = (reason = 'shutdown requested'): Promise<void> => {
    stopping ??= (async () => {
      signals.off('SIGINT', onSigint);
      signals.off('SIGTERM', onSigterm);
      log(`Engage emulator stopping (${reason})`);
      await emulator.stop();
      log('Engage emulator stopped');
      markStopped();
    })();
    return stopping;
  };
  const onSigint = (): void => void shutdown('SIGINT');
  const onSigterm = (): void => void shutdown('SIGTERM');
  signals.once('SIGINT', onSigint);
  signals.once('SIGTERM', onSigterm);

  return { emulator, baseUrl, stopped, shutdown };
}
