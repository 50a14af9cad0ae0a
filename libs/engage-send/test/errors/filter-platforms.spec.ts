import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Post, UseFilters, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { EngageSendErrorFilter, EngageSendModule, EngageSendService, type EngageAction } from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';
import { silentLogger } from '../support/silent-logger.js';

@Controller('send')
class SendController {
  constructor(private readonly engage: EngageSendService) {}

  @Post()
  send(@Body() body: { action: EngageAction; params: never }) {
    return this.engage.send(body.action, body.params);
  }
}

// The filter used outside DI: constructed with `new`, no HttpAdapterHost.
@Controller('manual')
@UseFilters(new EngageSendErrorFilter())
class ManualFilterController {
  constructor(private readonly engage: EngageSendService) {}

  @Post()
  send(@Body() body: { action: EngageAction; params: never }) {
    return this.engage.send(body.action, body.params);
  }
}

const platforms = [
  ['Express', () => new ExpressAdapter()],
  ['Fastify', () => new FastifyAdapter()],
] as const;

describe.each(platforms)('EngageSendErrorFilter on %s', (platform, adapter) => {
  let emulator: EngageEmulator;
  let app: INestApplication;

  beforeAll(async () => {
    emulator = await startEmulator();
    const moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken, retry: false, typingPacing: 'off' })],
      controllers: [SendController, ManualFilterController],
      providers: [{ provide: APP_FILTER, useClass: EngageSendErrorFilter }],
    })
      .setLogger(silentLogger)
      .compile();
    app = moduleRef.createNestApplication(adapter());
    await app.init();
    if (platform === 'Fastify') await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    await emulator.stop();
  });

  for (const route of ['/send', '/manual']) {
    it(`${route}: success passes through`, async () => {
      const answer = await request(app.getHttpServer()).post(route).send({ action: 'status.mark_as_read', params: { id: 'm1' } });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ action: 'status.mark_as_read', status: 200 });
    });

    it(`${route}: a validation error answers 400 with the fields`, async () => {
      const answer = await request(app.getHttpServer()).post(route).send({ action: 'messages.create', params: aMessage({ author: {} }) });
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/application\/json/);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['params.author.id', 'params.author.screenname']));
    });

    it(`${route}: an upstream refusal answers 502 with Engage's message`, async () => {
      emulator.injectFaults({ status: 400, body: 'Bad request' }, 1);
      const answer = await request(app.getHttpServer()).post(route).send({ action: 'status.mark_as_read', params: { id: 'm1' } });
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ code: 'ENGAGE_BAD_REQUEST', engage: { status: 400, message: 'Bad request' } });
    });

    it(`${route}: rate limiting answers 429 with Retry-After`, async () => {
      emulator.injectFaults({ status: 429, body: 'too many typing requests, please try again in a few seconds', headers: { 'retry-after': '3' } }, 1);
      const answer = await request(app.getHttpServer()).post(route).send({ action: 'typing.start', params: { thread_id: 't', preview: 'p' } });
      expect(answer.status).toBe(429);
      expect(answer.headers['retry-after']).toBe('3');
    });
  }
});
