/**
 * The Nest app of the endpoint benchmark: the same Express app serves the
 * source endpoint (`POST /engage`: signature verified over the raw bytes,
 * params validated, handler, answer checked and signed) and a bare Nest route
 * (`POST /bare`: Nest's JSON body parser, a controller method answering the
 * same JSON, nothing verified or signed). Plain JavaScript: decorators are
 * applied as functions.
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Injectable, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { EngageSendModule, OnEngageCall } from 'engage-send';

export const ENDPOINT_PATH = '/engage';
export const BARE_PATH = '/bare';
/** What both routes answer to `implementation.info`. */
export const INFO = { objects: { messages: ['create'] }, options: [] };

const decorate = (decorators, target, key) => Reflect.decorate(decorators, target, key, Object.getOwnPropertyDescriptor(target, key));

/** Starts the app on loopback; resolves with its origin and `close()`. */
export async function startEndpointApp({ token, sourceId = 'bench-source' }) {
  let created = 0;

  class Inbox {
    create() {
      return { id: `reply-${++created}` };
    }
  }
  Injectable()(Inbox);
  decorate([OnEngageCall('messages.create')], Inbox.prototype, 'create');

  class BareController {
    answer(body) {
      return body.action === 'implementation.info' ? INFO : { id: `reply-${++created}` };
    }
  }
  Controller()(BareController);
  Body()(BareController.prototype, 'answer', 0);
  decorate([Post(BARE_PATH), HttpCode(200)], BareController.prototype, 'answer');

  class BenchModule {}
  Module({
    imports: [
      EngageSendModule.forRoot({
        baseUrl: 'http://127.0.0.1:9',
        sourceId,
        accessToken: token,
        endpoint: { path: ENDPOINT_PATH, sends: ['messages.create'] },
      }),
    ],
    controllers: [BareController],
    providers: [Inbox],
  })(BenchModule);

  const app = await NestFactory.create(BenchModule, new ExpressAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  return { origin: `http://127.0.0.1:${port}`, close: () => app.close() };
}
