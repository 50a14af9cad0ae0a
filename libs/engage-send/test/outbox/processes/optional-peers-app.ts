// An app in its own process, for optional-peers.spec.ts, run with some
// packages made impossible to resolve (ENGAGE_TEST_HIDE_PACKAGES, see the
// ts-loader hooks). argv[2]: `send-only` (EngageSendModule alone) or
// `outbox` (with EngageOutboxModule). Prints one JSON line: how bootstrap went.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EngageSendModule } from '../../../src/index.js';
import { EngageOutboxModule } from '../../../src/outbox/index.js';

const withOutbox = process.argv[2] === 'outbox';

@Module({
  imports: [
    EngageSendModule.forRoot({ baseUrl: 'http://127.0.0.1:9', sourceId: 'src', accessToken: 'token' }),
    ...(withOutbox ? [EngageOutboxModule.forRoot()] : []),
  ],
})
class AppModule {}

try {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  await app.close();
  process.stdout.write(`${JSON.stringify({ started: true })}\n`);
} catch (error) {
  const { name, message, missing } = error as { name: string; message: string; missing?: string[] };
  process.stdout.write(`${JSON.stringify({ started: false, name, message, missing })}\n`);
}
