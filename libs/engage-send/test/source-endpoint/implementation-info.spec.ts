import { afterEach, describe, expect, it } from '@jest/globals';
import { Injectable, Module, Scope, type INestApplication, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import {
  EngageEndpointSetupError,
  EngageSendModule,
  EngageSendOptionsError,
  OnEngageCall,
  type ContentIdCall,
  type EngageCallAction,
  type EngageSendModuleOptions,
} from '../../src/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { silentLogger } from '../support/silent-logger.js';
import { appWith, endpointOptions, hmacHex, PLATFORMS, post, RecordingHandlers, signedJson, startApp, TOKEN } from './endpoint-test-kit.js';

/*
 * What `implementation.info` declares, built from the registration and its
 * handlers, and every way the declaration can be inconsistent, refused at
 * bootstrap with a message naming the handler or option.
 */

const [, expressAdapter] = PLATFORMS[0];
const info = (url: string, path = '/engage', token = TOKEN) =>
  post(`${url}${path}`, '{"action":"implementation.info","time":"2012-10-01T17:18:40Z"}', { signature: hmacHex('{"action":"implementation.info","time":"2012-10-01T17:18:40Z"}', token) }).then((answer) =>
    signedJson(answer, token),
  );

@Injectable()
class ThreadHandlers {
  @OnEngageCall('threads.destroy')
  destroy({ id }: ContentIdCall) {
    return { id };
  }

  @OnEngageCall('threads.list')
  @OnEngageCall('private_messages.list')
  list() {
    return [];
  }

  @OnEngageCall('threads.escalate')
  @OnEngageCall('threads.archive')
  act({ id }: ContentIdCall) {
    return { id };
  }
}

@Injectable()
class SupportHandlers {
  @OnEngageCall('messages.create', { name: 'support' })
  create() {
    return { id: 'support-reply' };
  }
}

@Injectable()
class SalesHandlers {
  @OnEngageCall('messages.show', { name: 'sales' })
  show({ id }: ContentIdCall) {
    return { id, from: 'sales' };
  }
}

/** The error `init()` fails with. */
async function setupFailure(metadata: ModuleMetadata): Promise<Error> {
  const moduleRef = await Test.createTestingModule(metadata).setLogger(silentLogger).compile();
  const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
  const failure = await app.init().then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  await app.close().catch(() => undefined);
  if (failure === undefined) throw new Error('bootstrap did not fail');
  return failure;
}

function handlerFor(action: EngageCallAction, options?: { name?: string }) {
  @Injectable()
  class Handler {
    @OnEngageCall(action, options)
    handle() {
      return { id: 'x' };
    }
  }
  return Handler;
}

describe('implementation.info', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('declares the handled operations, the Send API actions sent, the options and the locales', async () => {
    const options = endpointOptions({
      sourceOptions: ['view.messaging', 'messaging.typing_indicator', 'messages.text'],
      endpoint: {
        path: '/engage',
        sends: ['messages.create', 'status.mark_as_read', 'users.create', 'typing.start', 'typing.stop'],
        locales: { default: { follow_up: 'Follow up', archive: 'Archive' }, fr: { follow_up: 'Relancer' } },
      },
    });
    let url: string;
    ({ app, url } = await startApp(expressAdapter, appWith(options, RecordingHandlers, ThreadHandlers)));
    expect(await info(url)).toEqual({
      objects: {
        messages: ['create', 'show', 'list', 'delete', 'publish', 'unpublish', 'follow_up'],
        private_messages: ['list'],
        threads: ['list', 'delete', 'archive', 'escalate'],
        status: ['mark_as_read'],
      },
      options: ['view.messaging', 'messaging.typing_indicator', 'messages.text'],
      locales: { default: { follow_up: 'Follow up', archive: 'Archive' }, fr: { follow_up: 'Relancer' } },
    });
  });

  it('a Send-API-only integration: what it sends, nothing else', async () => {
    let url: string;
    ({ app, url } = await startApp(expressAdapter, appWith(endpointOptions({ endpoint: { path: '/engage', sends: ['status.mark_as_read'] } }))));
    expect(await info(url)).toEqual({ objects: { status: ['mark_as_read'] }, options: [] });
  });

  it('several sources: each registration its own path, token, handlers and declaration', async () => {
    const base = { baseUrl: 'http://127.0.0.1:9', isGlobal: false };
    let url: string;
    ({ app, url } = await startApp(expressAdapter, {
      imports: [
        EngageSendModule.forRoot({ ...base, name: 'support', sourceId: 'support-src', accessToken: 'support-token', endpoint: { path: '/engage/support', sends: ['messages.create'] } }),
        EngageSendModule.forRoot({ ...base, name: 'sales', sourceId: 'sales-src', accessToken: 'sales-token', sourceOptions: ['messages.unthreaded'], endpoint: { path: '/engage/sales' } }),
      ],
      providers: [SupportHandlers, SalesHandlers],
    }));
    expect(await info(url, '/engage/support', 'support-token')).toEqual({ objects: { messages: ['create'] }, options: [] });
    expect(await info(url, '/engage/sales', 'sales-token')).toEqual({ objects: { messages: ['show'] }, options: ['messages.unthreaded'] });
    // One source's token does not open the other's endpoint.
    const crossed = await post(`${url}/engage/sales`, '{"action":"implementation.info"}', { signature: hmacHex('{"action":"implementation.info"}', 'support-token') });
    expect(crossed.status).toBe(422);
    expect(signedJson(await post(`${url}/engage/sales`, '{"action":"messages.show","params":{"id":"9"}}', { signature: hmacHex('{"action":"messages.show","params":{"id":"9"}}', 'sales-token') }), 'sales-token')).toEqual({
      id: '9',
      from: 'sales',
    });
  });

  it('mounted by NestFactory.create too, ahead of the body parsers Nest adds at init', async () => {
    @Module({ imports: [EngageSendModule.forRoot(endpointOptions())], providers: [RecordingHandlers] })
    class AppModule {}
    app = await NestFactory.create(AppModule, new ExpressAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    const answer = await post(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/engage`, '{"action":"messages.show","params":{"id":"1"}}', { contentType: 'application/json' });
    expect(signedJson(answer)).toEqual({ id: '1', body: 'shown' });
  });

  it('a body parser mounted in front of the endpoint (on an Express instance given to the adapter) is reported, not worked around', async () => {
    const adapter = new ExpressAdapter();
    // Registered on the Express instance before Nest creates the app, hence before the endpoint's route.
    adapter.useBodyParser('json', false);
    const logger = new CapturingLogger();
    const moduleRef = await Test.createTestingModule(appWith(endpointOptions(), RecordingHandlers)).setLogger(logger).compile();
    app = moduleRef.createNestApplication(adapter, { logger });
    await app.listen(0, '127.0.0.1');
    const answer = await post(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/engage`, '{"action":"implementation.info"}');
    expect(answer.status).toBe(500);
    expect(logger.lines.join('\n')).toContain('a body parser is mounted in front of it');
  });

  it('in an application context made by NestFactory (its HTTP adapter is null): a warning, nothing served', async () => {
    const logger = new CapturingLogger();
    @Module({ imports: [EngageSendModule.forRoot(endpointOptions())], providers: [RecordingHandlers] })
    class ContextModule {}
    const context = await NestFactory.createApplicationContext(ContextModule, { logger });
    expect(logger.lines.join('\n')).toContain('no HTTP server in this application: the Engage endpoint /engage is not served');
    await context.close();
  });

  it('in an application context (no HTTP server): a warning, nothing served', async () => {
    const logger = new CapturingLogger();
    const moduleRef = await Test.createTestingModule(appWith(endpointOptions(), RecordingHandlers)).setLogger(logger).compile();
    const context = await moduleRef.init();
    expect(logger.lines.join('\n')).toContain('no HTTP server in this application: the Engage endpoint /engage is not served');
    await context.close();
  });
});

describe('bootstrap refuses an inconsistent endpoint', () => {
  const problemsOf = async (metadata: ModuleMetadata) => {
    const failure = await setupFailure(metadata);
    expect(failure).toBeInstanceOf(EngageEndpointSetupError);
    return (failure as EngageEndpointSetupError).problems;
  };

  it('a create declared in sends without its handler (it would also receive agents’ replies)', async () => {
    const problems = await problemsOf(appWith(endpointOptions({ endpoint: { path: '/engage', sends: ['threads.create'] } })));
    expect(problems).toEqual([expect.stringContaining("endpoint.sends declares threads.create, which also tells Engage to deliver agents' replies to this endpoint: add an @OnEngageCall('threads.create') handler")]);
  });

  it('typing declared without messaging.typing_indicator', async () => {
    expect(await problemsOf(appWith(endpointOptions({ endpoint: { path: '/engage', sends: ['typing.start'] } })))).toEqual([
      expect.stringContaining('typing.start, which Engage enables with the source option messaging.typing_indicator'),
    ]);
  });

  it('a queuing_update handler without the messaging.queuing_update option', async () => {
    expect(await problemsOf(appWith(endpointOptions(), handlerFor('messaging.queuing_update')))).toEqual([
      expect.stringContaining('Handler.handle answers messaging.queuing_update, which Engage sends only with the source option messaging.queuing_update'),
    ]);
  });

  it('two handlers for one call (delete and destroy are one call)', async () => {
    const problems = await problemsOf(appWith(endpointOptions(), handlerFor('messages.delete'), handlerFor('messages.destroy')));
    expect(problems).toEqual(['messages.delete has two handlers: Handler.handle and Handler.handle']);
  });

  it('a handler for a registration that does not exist', async () => {
    expect(await problemsOf(appWith(endpointOptions(), handlerFor('messages.show', { name: 'suport' })))).toEqual([
      'Handler.handle answers messages.show for registration "suport", which is not registered',
    ]);
  });

  it('handlers for a registration without an endpoint', async () => {
    const options: EngageSendModuleOptions = { baseUrl: 'http://127.0.0.1:9', sourceId: 's', accessToken: 't' };
    expect(await problemsOf(appWith(options, handlerFor('messages.show')))).toEqual([
      "Handler.handle answers messages.show for the unnamed registration, which has no endpoint option (add endpoint: { path: '/engage' })",
    ]);
  });

  it('a locale for no custom action', async () => {
    const options = endpointOptions({ endpoint: { path: '/engage', locales: { fr: { follow_up: 'Relancer', folow_up: 'Relancer' } } } });
    expect(await problemsOf(appWith(options, RecordingHandlers))).toEqual(['endpoint.locales.fr.folow_up labels no custom action (custom actions with a handler: follow_up)']);
  });

  it('a handler on a request-scoped provider', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class PerRequest {
      @OnEngageCall('messages.show')
      show() {
        return {};
      }
    }
    expect(await problemsOf(appWith(endpointOptions(), PerRequest))).toEqual([
      'PerRequest.show: @OnEngageCall handlers must be on singleton providers (this one is request-scoped or transient)',
    ]);
  });

  it('two registrations on one path', async () => {
    const base = { baseUrl: 'http://127.0.0.1:9', accessToken: 't', endpoint: { path: '/engage' } };
    const problems = await problemsOf({ imports: [EngageSendModule.forRoot({ ...base, sourceId: 'a' }), EngageSendModule.forRoot({ ...base, sourceId: 'b', name: 'b' })] });
    expect(problems).toEqual(['endpoint.path /engage is already the endpoint of another registration']);
  });
});

describe('endpoint options and decorators are checked', () => {
  it.each([
    [{ path: 'engage' }, 'endpoint.path must be an absolute path'],
    [{ path: '/engage/:id' }, 'endpoint.path must be an absolute path'],
    [{ path: '/engage?x=1' }, 'endpoint.path must be an absolute path'],
    [{ path: '/engage', sends: ['messages.update'] }, 'endpoint.sends: "messages.update" is not a Send API action'],
    [{ path: '/engage', locales: { fr: { follow_up: '' } } }, 'endpoint.locales.fr.follow_up must be a non-empty string'],
    [{ path: '/engage', locales: { 'not a language': {} } }, 'is not a language code'],
    [{ path: '/engage', maxBodyBytes: 0 }, 'endpoint.maxBodyBytes must be a positive integer'],
  ])('%j', async (endpoint, message) => {
    const failure = await Test.createTestingModule(appWith(endpointOptions({ endpoint: endpoint as never })))
      .setLogger(silentLogger)
      .compile()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngageSendOptionsError);
    expect((failure as Error).message).toContain(message);
  });

  it.each(['implementation.info', 'users.create', 'status.mark_as_read', 'messages.', 'messages.reply', 'messages.bad name', 'typing.start'])('@OnEngageCall(%j) is refused at class definition', (action) => {
    expect(() => OnEngageCall(action as EngageCallAction)).toThrow(TypeError);
  });
});
