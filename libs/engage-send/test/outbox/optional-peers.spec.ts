import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

// BullMQ, @nestjs/bullmq and a Redis client are optional peers: an app
// without the outbox needs none of them and never loads them; an app that
// asks for the outbox without them fails at bootstrap, told what to install.
// Each case runs in a child process where those packages cannot be resolved,
// as on a machine where they are not installed (any attempt to load one fails).

const run = promisify(execFile);
const LOADER = fileURLToPath(new URL('../support/ts-loader/register.mjs', import.meta.url));
const APP = fileURLToPath(new URL('./processes/optional-peers-app.ts', import.meta.url));
const PEERS = 'bullmq,@nestjs/bullmq,ioredis';

async function bootstrap(variant: 'send-only' | 'outbox', hidden: string): Promise<{ started: boolean; name?: string; message?: string; missing?: string[] }> {
  const { stdout } = await run(process.execPath, ['--import', LOADER, APP, variant], {
    env: { PATH: process.env.PATH, ENGAGE_TEST_HIDE_PACKAGES: hidden },
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { started: boolean };
}

describe('optional peers', () => {
  it('an app without the outbox starts with none of them installed (importing engage-send/outbox loads none)', async () => {
    expect(await bootstrap('send-only', PEERS)).toEqual({ started: true });
  }, 40_000);

  it('an app with the outbox but without them fails at bootstrap, naming what to install', async () => {
    const outcome = await bootstrap('outbox', PEERS);
    expect(outcome).toMatchObject({ started: false, name: 'EngageOutboxDependencyError', missing: ['bullmq', '@nestjs/bullmq'] });
    expect(outcome.message).toContain('npm install bullmq @nestjs/bullmq ioredis');
  }, 40_000);

  it('with only @nestjs/bullmq missing, the error names it', async () => {
    const outcome = await bootstrap('outbox', '@nestjs/bullmq');
    expect(outcome).toMatchObject({ started: false, name: 'EngageOutboxDependencyError', missing: ['@nestjs/bullmq'] });
  }, 40_000);
});
