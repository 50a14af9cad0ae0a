import { createHash, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { TYPING_WINDOW_MS, type EngageTypingPacer, type TypingWait } from '../reliability/engage-typing-pacer.js';

/** The Redis commands the pacer uses: BullMQ's client interface (ioredis, node-redis, … behind its adapters). */
export interface TypingPacerRedisClient {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  runCommand(name: string, args: (string | number)[]): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
}

/** An admitted start: the thread's key and the token written there while it is in flight. */
export interface RedisTypingTicket {
  readonly key: string;
  readonly token: string;
}

// Each script touches one key, so it also runs on Redis Cluster.
// A thread's key holds `f:<token>` while a start is in flight, then `a` for the window.
const SCRIPTS = {
  /** KEYS[1] thread; ARGV token, in-flight TTL, window → 0 admitted, else ms to wait. */
  admit: `
if redis.call('SET', KEYS[1], 'f:' .. ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
local value = redis.call('GET', KEYS[1])
if value and string.sub(value, 1, 2) == 'f:' then return tonumber(ARGV[3]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 1 then return 1 end
return ttl`,
  /** KEYS[1] thread; ARGV token, window: the start was answered, its window runs from now. */
  answered: `
if redis.call('GET', KEYS[1]) == 'f:' .. ARGV[1] then redis.call('SET', KEYS[1], 'a', 'PX', ARGV[2]) return 1 end
return 0`,
  /** KEYS[1] thread; ARGV token: the start failed, the next may go at once. */
  failed: `
if redis.call('GET', KEYS[1]) == 'f:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
} as const;
const COMMANDS = { admit: 'engageSendTypingAdmit:1', answered: 'engageSendTypingAnswered:1', failed: 'engageSendTypingFailed:1' } as const;

/**
 * A start in flight blocks its thread for at most this long if its replica
 * dies before reporting the answer (the default send deadline, retries included).
 */
const IN_FLIGHT_TTL_MS = 30_000;
/** Longest wait for Redis before a typing event is sent unpaced: a typing indicator is not worth a stall. */
const REDIS_TIMEOUT_MS = 1_000;
const MAX_READABLE_KEY_CHARS = 200;
/** Sent unpaced (Redis unavailable): nothing to report. */
const UNTRACKED: RedisTypingTicket = Object.freeze({ key: '', token: '' });

/**
 * Engage's typing rate limit shared by every replica: the window of each
 * thread is a Redis key (`<prefix>:<queue>:typing:<thread>`) that expires by
 * itself, so nothing grows with the number of threads. Same rule as the
 * in-process pacer: the window runs from when the previous start was
 * answered, a start in flight blocks the thread, a failed one frees it,
 * `typing.stop` resets it. When Redis does not answer within a second the
 * event is sent unpaced (Engage then answers 429 itself if it was too soon).
 */
export class RedisTypingPacer implements EngageTypingPacer<RedisTypingTicket> {
  private readonly logger = new Logger('EngageOutbox');
  private readonly client: Promise<TypingPacerRedisClient>;
  private lastWarning = 0;

  /** @param keyPrefix e.g. `bull:engage-send:typing:` (the queue's keys, so ACLs and key-space tools see them together). */
  constructor(
    client: Promise<TypingPacerRedisClient>,
    private readonly keyPrefix: string,
    private readonly windowMs = TYPING_WINDOW_MS,
  ) {
    this.client = client.then((redis) => {
      for (const [script, name] of Object.entries(COMMANDS)) redis.defineCommand(name, { numberOfKeys: 1, lua: SCRIPTS[script as keyof typeof SCRIPTS] });
      return redis;
    });
    // Failures surface on use (and fall back to unpaced sends); don't leave this one unhandled.
    this.client.catch(() => undefined);
  }

  async admit(key: string): Promise<RedisTypingTicket | TypingWait> {
    const ticket = { key: this.redisKey(key), token: randomUUID() };
    try {
      const wait = Number(await this.run('admit', [ticket.key, ticket.token, IN_FLIGHT_TTL_MS, this.windowMs]));
      return wait > 0 ? { waitMs: wait } : ticket;
    } catch (error) {
      this.warn(error);
      return UNTRACKED;
    }
  }

  answered(ticket: RedisTypingTicket): void {
    if (ticket !== UNTRACKED) this.run('answered', [ticket.key, ticket.token, this.windowMs]).catch((error: unknown) => this.warn(error));
  }

  failed(ticket: RedisTypingTicket): void {
    if (ticket !== UNTRACKED) this.run('failed', [ticket.key, ticket.token]).catch((error: unknown) => this.warn(error));
  }

  async reset(key: string): Promise<void> {
    try {
      await this.withTimeout(this.client.then((redis) => redis.del(this.redisKey(key))));
    } catch (error) {
      this.warn(error);
    }
  }

  private run(script: keyof typeof COMMANDS, args: (string | number)[]): Promise<unknown> {
    return this.withTimeout(this.client.then((redis) => redis.runCommand(COMMANDS[script], args)));
  }

  private withTimeout<T>(operation: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
    });
    return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
  }

  /** Thread ids can be long: beyond 200 characters, the key holds their hash. */
  private redisKey(key: string): string {
    return this.keyPrefix + (key.length <= MAX_READABLE_KEY_CHARS ? key : `#${createHash('sha256').update(key, 'utf8').digest('base64url')}`);
  }

  /** One line per 10 s at most: a Redis outage must not flood the log. */
  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    this.logger.warn(`shared typing pacing unavailable, typing events are sent unpaced: ${error instanceof Error ? error.message : String(error)}`);
  }
}
