import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import type { HttpService } from '@nestjs/axios';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  EngageSendModule,
  getEngageHttpServiceToken,
  getEngageSendServiceToken,
  type EngageSendModuleOptions,
  type EngageSendService,
} from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { SOURCE, startEmulator } from '../support/emulator.fixture.js';

/** One HTTP attempt as the client saw it leave, from a user interceptor on the registration's axios instance. */
export interface SeenAttempt {
  /** `performance.now()` when the request passed the interceptor. */
  readonly at: number;
  readonly action: string;
  /** `params.id` (or typing's `thread_id`) of the body, to follow one send across its attempts. */
  readonly id: string | undefined;
}

/** An `EngageSendService` wired through Nest, with every attempt it makes recorded client-side. */
export interface Engage {
  readonly moduleRef: TestingModule;
  readonly service: EngageSendService;
  readonly http: HttpService;
  readonly logger: CapturingLogger;
  /** Every request that went through the axios instance, in order (only with `record: true`). */
  readonly attempts: SeenAttempt[];
  /** Attempts of the send whose params id is `id`. */
  attemptsOf(id: string): SeenAttempt[];
  /** Gaps between consecutive attempts of `id`, in ms. */
  gapsOf(id: string): number[];
  close(): Promise<void>;
}

/** Header our interceptor adds: proves user interceptors run on every attempt and are covered by the signature. */
export const ATTEMPT_HEADER = 'x-test-attempt';

/** How {@link createEngage} wires the registration. */
export interface EngageExtras {
  /** Registration name (default: the unnamed registration). */
  name?: string;
  /**
   * Add a user request interceptor on the registration's HttpService that
   * time-stamps every attempt (into `attempts`). Default `false`, so sends
   * take the module's own path, untouched by test code.
   */
  record?: boolean;
}

/**
 * Builds a registration through `Test.createTestingModule`, pointed at the
 * emulator (or any base URL), with Nest logs captured instead of printed.
 */
export async function createEngage(
  emulator: EngageEmulator | { baseUrl: string },
  options: Partial<EngageSendModuleOptions> = {},
  { name, record = false }: EngageExtras = {},
): Promise<Engage> {
  const logger = new CapturingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [
      EngageSendModule.forRoot({
        baseUrl: emulator.baseUrl,
        sourceId: SOURCE.id,
        accessToken: SOURCE.accessToken,
        ...options,
        ...(name === undefined ? {} : { name }),
      }),
    ],
  })
    .setLogger(logger)
    .compile();
  moduleRef.useLogger(logger);
  const service = moduleRef.get<EngageSendService>(getEngageSendServiceToken(name));
  const http = moduleRef.get<HttpService>(getEngageHttpServiceToken(name));
  const attempts: SeenAttempt[] = [];
  if (record) http.axiosRef.interceptors.request.use((config) => {
    const at = performance.now();
    const { action, params } = JSON.parse(String(config.data)) as { action: string; params: Record<string, unknown> };
    const id = typeof params.id === 'string' ? params.id : typeof params.thread_id === 'string' ? params.thread_id : undefined;
    attempts.push({ at, action, id });
    config.headers.set(ATTEMPT_HEADER, String(attempts.filter((a) => a.id === id).length));
    return config;
  });
  const attemptsOf = (id: string) => attempts.filter((a) => a.id === id);
  return {
    moduleRef,
    service,
    http,
    logger,
    attempts,
    attemptsOf,
    gapsOf: (id) => {
      const seen = attemptsOf(id);
      return seen.slice(1).map((a, i) => a.at - seen[i].at);
    },
    close: () => moduleRef.close(),
  };
}

/** What {@link emulatorFixture} gives a spec. */
export interface EmulatorFixture {
  /** The file's emulator (started before its first test, reset before each). */
  readonly emulator: EngageEmulator;
  /** {@link createEngage} against the file's emulator (or `target`); closed after the test that made it. */
  create(options?: Partial<EngageSendModuleOptions>, extras?: EngageExtras, target?: { baseUrl: string }): Promise<Engage>;
}

/**
 * The hooks every send-path spec shares: one emulator per file, reset before
 * each test, and every registration a test creates closed after it.
 */
export function emulatorFixture(): EmulatorFixture {
  let emulator: EngageEmulator | undefined;
  const open: Engage[] = [];
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator?.stop());
  beforeEach(() => emulator?.reset());
  afterEach(async () => {
    // A test may have closed its own already (closing twice is harmless).
    for (const engage of open.splice(0)) await engage.close().catch(() => undefined);
  });
  return {
    get emulator(): EngageEmulator {
      if (emulator === undefined) throw new Error('the emulator starts before the first test');
      return emulator;
    },
    async create(options, extras, target) {
      const engage = await createEngage(target ?? this.emulator, options, extras);
      open.push(engage);
      return engage;
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The settled outcome of a promise, without an unhandled rejection in between. */
export function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** The rejection of `promise`; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await settle(promise);
  if (outcome.ok) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `condition()` holds (checked every 5 ms), for at most `timeoutMs`: sync on an event, not on a guessed delay. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Timer slack allowed below a computed lower bound, and scheduling/loopback slack above an upper bound. */
export const EARLY_MS = 5;
export const LATE_MS = 80;

/**
 * The window the n-th retry (1-based) waits in, per the policy: [d/2, d],
 * d = min(maxDelayMs, baseDelayMs × 2^(n−1)), widened by the test slack.
 */
export function backoffWindow(n: number, baseDelayMs: number, maxDelayMs: number): [number, number] {
  const d = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
  return [d / 2 - EARLY_MS, d + LATE_MS];
}
