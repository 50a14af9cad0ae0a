import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { BullModule } from '@nestjs/bullmq';
import type { LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { EngageSendModule, EngageSendService, type EngageSendModuleOptions } from '../../src/index.js';
import { EngageOutbox, EngageOutboxModule, type EngageOutboxModuleOptions } from '../../src/outbox/index.js';
import { EngageEmulator, type EngageEmulatorOptions } from '../../src/testing/index.js';
import { SOURCE } from '../support/emulator.fixture.js';
import { RedisServer } from '../support/redis-server.js';
import { silentLogger } from '../support/silent-logger.js';

/** One replica of an app with the outbox: its own Nest context, sharing only Redis with the others. */
export interface Replica {
  readonly moduleRef: TestingModule;
  readonly outbox: EngageOutbox;
  readonly engage: EngageSendService;
  close(): Promise<void>;
}

/** Short waits keep the suite fast; what is under test is the classification and the counting. */
export const FAST_RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 } as const;

/**
 * Starts a replica: `BullModule.forRoot()` on `redisUrl` (as an app would),
 * `EngageSendModule` to the emulator, `EngageOutboxModule` with `outbox`.
 * `init()` runs, so the worker (if any) is taking jobs when this resolves.
 */
export async function startReplica(
  redisUrl: string,
  emulator: EngageEmulator,
  outbox: EngageOutboxModuleOptions = {},
  engage: Partial<EngageSendModuleOptions> = {},
  logger: LoggerService | false = silentLogger,
): Promise<Replica> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      BullModule.forRoot({ connection: { url: redisUrl } }),
      EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, ...engage }),
      EngageOutboxModule.forRoot({ retry: FAST_RETRY, ...outbox }),
    ],
  })
    .setLogger(logger === false ? silentLogger : logger)
    .compile();
  await moduleRef.init();
  return {
    moduleRef,
    outbox: moduleRef.get(EngageOutbox),
    engage: moduleRef.get(EngageSendService),
    close: () => moduleRef.close(),
  };
}

/** A queue handle for the test itself (counts, clean-up), closed by the caller. */
export function openQueue(redisUrl: string, name = 'engage-send'): Queue {
  return new Queue(name, { connection: { url: redisUrl } });
}

/** Polls `read` until it returns something defined; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What {@link outboxFixture} gives a spec. */
export interface OutboxFixture {
  readonly redis: RedisServer;
  readonly emulator: EngageEmulator;
  /** A queue handle for the test itself (counts, clean-up). */
  readonly queue: Queue;
  /** Has `close` run after the file, before Redis and the emulator stop (a replica the file keeps for all its tests). */
  closeBeforeTeardown(close: () => Promise<void>): void;
}

/**
 * The hooks of an outbox spec: a private redis-server, an emulator with
 * `SOURCE` (and `emulator` options on top), a queue handle, all stopped after
 * the file; before each test the emulator is reset and the queue emptied.
 */
export function outboxFixture(emulatorOptions: Partial<EngageEmulatorOptions> = {}): OutboxFixture {
  let redis: RedisServer | undefined;
  let emulator: EngageEmulator | undefined;
  let queue: Queue | undefined;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    redis = await RedisServer.start();
    emulator = new EngageEmulator({ sources: [SOURCE], ...emulatorOptions });
    await emulator.start();
    queue = openQueue(redis.url);
  });
  afterAll(async () => {
    for (const close of closers.splice(0)) await close();
    await queue?.close();
    await emulator?.stop();
    await redis?.stop();
  });
  beforeEach(async () => {
    emulator?.reset();
    await queue?.obliterate({ force: true });
  });
  return {
    get redis() {
      return redis as RedisServer;
    },
    get emulator() {
      return emulator as EngageEmulator;
    },
    get queue() {
      return queue as Queue;
    },
    closeBeforeTeardown: (close) => {
      closers.push(close);
    },
  };
}
