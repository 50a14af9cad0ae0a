import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { EngageSendModule } from '../../src/index.js';
import { EngageOutbox, EngageOutboxModule, getEngageOutboxToken } from '../../src/outbox/index.js';
import { EngageEmulator } from '../../src/testing/index.js';
import { aMessage } from '../support/emulator.fixture.js';
import { RedisServer } from '../support/redis-server.js';
import { silentLogger } from '../support/silent-logger.js';
import { waitFor } from './outbox-kit.js';

// One outbox (one queue) per EngageSendModule registration, i.e. per source,
// on the app's own BullModule connection.

const EU = { id: 'src-eu', accessToken: 'tok-eu' };
const US = { id: 'src-us', accessToken: 'tok-us' };

let redis: RedisServer;
let emulator: EngageEmulator;

beforeAll(async () => {
  redis = await RedisServer.start();
  emulator = new EngageEmulator({ sources: [EU, US] });
  await emulator.start();
});
afterAll(async () => {
  await emulator.stop();
  await redis.stop();
});

describe('registrations', () => {
  it('two sources, two outboxes: each job goes to its own queue and is delivered to its own source', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        BullModule.forRoot({ connection: { url: redis.url } }),
        EngageSendModule.forRoot({ name: 'eu', baseUrl: emulator.baseUrl, sourceId: EU.id, accessToken: EU.accessToken }),
        EngageSendModule.forRoot({ name: 'us', baseUrl: emulator.baseUrl, sourceId: US.id, accessToken: US.accessToken }),
        EngageOutboxModule.forRoot({ name: 'eu' }),
        EngageOutboxModule.forRoot({ name: 'us' }),
      ],
    })
      .setLogger(silentLogger)
      .compile();
    await moduleRef.init();
    try {
      const eu = moduleRef.get<EngageOutbox>(getEngageOutboxToken('eu'));
      const us = moduleRef.get<EngageOutbox>(getEngageOutboxToken('us'));
      expect([eu.queueName, us.queueName]).toEqual(['engage-send-eu', 'engage-send-us']);
      expect(await eu.messages.create(aMessage({ id: 'r-eu' }) as never)).toMatchObject({ queue: 'engage-send-eu' });
      expect(await us.messages.create(aMessage({ id: 'r-us' }) as never)).toMatchObject({ queue: 'engage-send-us' });
      await waitFor('both delivered', () => (emulator.requests.length === 2 ? true : undefined));
      expect(emulator.requests.map((r) => `${r.sourceId}:${String(r.params.id)}`).sort()).toEqual(['src-eu:r-eu', 'src-us:r-us']);
      // The queues are @nestjs/bullmq's own: injectable by the app (e.g. for a dashboard).
      const queue = moduleRef.get<Queue>(getQueueToken('engage-send-eu'), { strict: false });
      expect(await queue.getJobState('messages.create-r-eu')).toBe('completed');
    } finally {
      await moduleRef.close();
    }
  });

  it('an outbox without its EngageSendModule registration stops the app at bootstrap, saying what is missing', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        BullModule.forRoot({ connection: { url: redis.url } }),
        EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: EU.id, accessToken: EU.accessToken }),
        EngageOutboxModule.forRoot({ name: 'missing', worker: false }),
      ],
    })
      .setLogger(silentLogger)
      .compile();
    try {
      await expect(moduleRef.init()).rejects.toThrow('no EngageSendModule registration named "missing"');
    } finally {
      await moduleRef.close();
    }
  });
});
