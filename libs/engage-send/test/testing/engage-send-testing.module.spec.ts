import { request } from 'node:http';

import { afterEach, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';

import {
  EngageInvalidActionError,
  EngageSendOptionsError,
  EngageSendService,
  getEngageSendServiceToken,
  InjectEngageSend,
} from '../../src/index.js';
import { EngageEmulator, EngageSendTestingModule, getEngageEmulatorToken, InjectEngageEmulator } from '../../src/testing/index.js';

const open: TestingModule[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((moduleRef) => moduleRef.close()));
});

async function compile(metadata: Parameters<typeof Test.createTestingModule>[0]): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  open.push(moduleRef);
  return moduleRef;
}

/** Whether something answers HTTP at `baseUrl`. */
function answers(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(new URL('/health', baseUrl), { agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

const AUTHOR = { id: 'u1', screenname: 'User' };

describe('EngageSendTestingModule', () => {
  it('starts an emulator on a free loopback port, points the service at it, and stops it on close()', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EngageSendTestingModule.forRoot()] }).compile();
    const emulator = moduleRef.get(EngageEmulator);
    expect(emulator.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.baseUrl).not.toMatch(/:0$/);

    await moduleRef.get(EngageSendService).status.markAsRead({ id: 'm1' });
    expect(emulator.requests).toEqual([expect.objectContaining({ sourceId: 'test-source', action: 'status.mark_as_read' })]);

    const baseUrl = emulator.baseUrl;
    expect(await answers(baseUrl)).toBe(true);
    await moduleRef.close();
    expect(await answers(baseUrl)).toBe(false);
  });

  it('gives each named registration its own emulator, next to an unnamed one', async () => {
    @Injectable()
    class Bridge {
      constructor(
        @InjectEngageSend('support') readonly support: EngageSendService,
        @InjectEngageSend('sales') readonly sales: EngageSendService,
        @InjectEngageEmulator('support') readonly supportEmulator: EngageEmulator,
      ) {}
    }
    const moduleRef = await compile({
      imports: [
        EngageSendTestingModule.forRoot(),
        EngageSendTestingModule.forRoot({ name: 'support', source: { id: 'support-source', accessToken: 'support-token' } }),
        EngageSendTestingModule.forRoot({ name: 'sales' }),
      ],
      providers: [Bridge],
    });
    const bridge = moduleRef.get(Bridge);
    await bridge.support.messages.create({ id: 'm1', thread_id: 't1', author: AUTHOR, body: 'to support' });
    await bridge.sales.status.markAsRead({ id: 'm2' });

    const unnamed = moduleRef.get(EngageEmulator);
    const support = moduleRef.get<EngageEmulator>(getEngageEmulatorToken('support'));
    const sales = moduleRef.get<EngageEmulator>(getEngageEmulatorToken('sales'));
    expect(new Set([unnamed.baseUrl, support.baseUrl, sales.baseUrl]).size).toBe(3);
    expect(bridge.supportEmulator).toBe(support);
    expect(support.accepted('messages.create').map((send) => [send.sourceId, send.params.body])).toEqual([['support-source', 'to support']]);
    expect(sales.accepted().map((send) => send.action)).toEqual(['status.mark_as_read']);
    expect(unnamed.received).toBe(0);
    expect(moduleRef.get(getEngageSendServiceToken('support'))).toBe(bridge.support);
  });

  it('is global by default: a provider in a feature module injects the service without importing anything', async () => {
    @Injectable()
    class Notifier {
      constructor(readonly engage: EngageSendService) {}
    }
    @Module({ providers: [Notifier], exports: [Notifier] })
    class NotificationsModule {}

    const moduleRef = await compile({ imports: [EngageSendTestingModule.forRoot(), NotificationsModule] });
    await moduleRef.get(Notifier).engage.typing.stop({ thread_id: 't1' });
    expect(moduleRef.get(EngageEmulator).accepted('typing.stop')).toHaveLength(1);
  });

  it('is local with isGlobal: false', async () => {
    @Injectable()
    class Notifier {
      constructor(readonly engage: EngageSendService) {}
    }
    @Module({ providers: [Notifier] })
    class NotificationsModule {}

    await expect(compile({ imports: [EngageSendTestingModule.forRoot({ isGlobal: false }), NotificationsModule] })).rejects.toThrow(
      /can't resolve dependencies of the Notifier/i,
    );
  });

  it('emulates the source it is given and passes module and emulator options through', async () => {
    const lines: string[] = [];
    const moduleRef = await compile({
      imports: [
        EngageSendTestingModule.forRoot({
          source: { options: ['messages.unthreaded'], actions: ['messages.create'] },
          moduleOptions: { retry: false },
          emulator: { logger: (line) => lines.push(line) },
        }),
      ],
    });
    const engage = moduleRef.get(EngageSendService);
    // Unthreaded on both sides: the service does not require thread_id, the emulator accepts it without.
    await engage.messages.create({ id: 'm1', author: AUTHOR, body: 'no thread' });
    // Not a declared action: refused by the emulator, not retried.
    const error = await engage.status.markAsRead({ id: 'm1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngageInvalidActionError);
    expect((error as EngageInvalidActionError).attempts).toBe(1);
    expect(lines).toEqual(['200 messages.create source=test-source id=m1', '422 Invalid action source=test-source action=status.mark_as_read']);
  });

  it('does not hold the process open when compile() fails after the emulator started', async () => {
    const listening = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;
    const before = listening();
    const error = await Test.createTestingModule({ imports: [EngageSendTestingModule.forRoot({ source: { id: 'not a valid id' } })] })
      .compile()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngageSendOptionsError);
    expect(listening()).toBe(before);
  });
});
