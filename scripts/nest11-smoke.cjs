// A Nest 11 (CommonJS) app using the packed library through `require`:
// module wiring, a validated and signed send, a typed error, over loopback
// against the emulator; the outbox's optional peers absent. Run by
// smoke-nest11.sh in a scratch folder.
require('reflect-metadata');
const assert = require('node:assert/strict');
const { NestFactory } = require('@nestjs/core');
const { Module } = require('@nestjs/common');
const { EngageSendModule, EngageSendService, EngageValidationError } = require('engage-send');
const { EngageEmulator, EngageSendTestingModule, getEngageEmulatorToken } = require('engage-send/testing');
const { EngageOutboxModule, EngageOutboxDependencyError } = require('engage-send/outbox');

(async () => {
  const emulator = new EngageEmulator({ sources: [{ id: 'src-1', accessToken: 'token-1' }] });
  const baseUrl = await emulator.start();
  class AppModule {}
  Module({ imports: [EngageSendModule.forRoot({ baseUrl, sourceId: 'src-1', accessToken: 'token-1' })] })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  const engage = app.get(EngageSendService);

  const result = await engage.messages.create({ id: 'm1', thread_id: 't1', author: { id: 'u1', screenname: 'U' }, body: 'hello from Nest 11' });
  assert.equal(result.status, 200);
  assert.equal(emulator.requests.length, 1);
  await assert.rejects(engage.messages.create({ id: 'm2', thread_id: 't1', author: { screenname: 'U' }, body: 'x' }), EngageValidationError);
  assert.equal(emulator.received, 1);

  await app.close();

  // The outbox's peers (bullmq, @nestjs/bullmq, ioredis) are not installed here:
  // requiring engage-send/outbox loaded none of them, and asking for the outbox says what to install.
  class OutboxAppModule {}
  Module({ imports: [EngageSendModule.forRoot({ baseUrl, sourceId: 'src-1', accessToken: 'token-1' }), EngageOutboxModule.forRoot()] })(OutboxAppModule);
  await assert.rejects(NestFactory.createApplicationContext(OutboxAppModule, { logger: false, abortOnError: false }), (error) => {
    assert.ok(error instanceof EngageOutboxDependencyError);
    assert.match(error.message, /npm install bullmq @nestjs\/bullmq ioredis/);
    return true;
  });
  assert.equal(Object.keys(require.cache).some((path) => /[\\/]node_modules[\\/](bullmq|@nestjs[\\/]bullmq|ioredis)[\\/]/.test(path)), false);
  await emulator.stop();

  // The testing module from CommonJS: an emulator per registration (named too), stopped by close().
  class TestingAppModule {}
  Module({ imports: [EngageSendTestingModule.forRoot(), EngageSendTestingModule.forRoot({ name: 'other' })] })(TestingAppModule);
  const testing = await NestFactory.createApplicationContext(TestingAppModule, { logger: false });
  await testing.get(EngageSendService).status.markAsRead({ id: 'm1' });
  const testEmulator = testing.get(EngageEmulator);
  assert.equal(testEmulator.accepted('status.mark_as_read').length, 1);
  assert.notEqual(testing.get(getEngageEmulatorToken('other')).baseUrl, testEmulator.baseUrl);
  const testUrl = testEmulator.baseUrl;
  await testing.close();
  await assert.rejects(fetch(testUrl), TypeError); // connection refused: the emulator stopped with the app
  console.log(`nest11 smoke: ok (@nestjs/core ${require('@nestjs/core/package.json').version}, require('engage-send'))`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
