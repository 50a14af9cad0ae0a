import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { HttpService } from '@nestjs/axios';
import { Test } from '@nestjs/testing';
import {
  EngageSendModule,
  EngageSendOptionsError,
  EngageSendService,
  getEngageHttpServiceToken,
  getEngageSendServiceToken,
  InjectEngageSend,
  type EngageSendModuleOptions,
} from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { aMessage, SOURCE, startEmulator } from '../support/emulator.fixture.js';

describe('EngageSendModule', () => {
  let emulator: EngageEmulator;
  let options: EngageSendModuleOptions;
  const OTHER = { id: 'src-other', accessToken: 'tok-other-SECRET' };

  beforeAll(async () => {
    emulator = await startEmulator(OTHER);
    options = { baseUrl: emulator.baseUrl, sourceId: SOURCE.id, accessToken: SOURCE.accessToken };
  });
  afterAll(() => emulator.stop());

  async function sendsThrough(service: EngageSendService, sourceId = SOURCE.id): Promise<void> {
    emulator.reset();
    await service.messages.create(aMessage() as never);
    expect(emulator.requests.map((r) => r.sourceId)).toEqual([sourceId]);
  }

  it('forRoot provides a working EngageSendService', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EngageSendModule.forRoot(options)] }).compile();
    const service = moduleRef.get(EngageSendService);
    expect(service.sourceId).toBe(SOURCE.id);
    await sendsThrough(service);
    await moduleRef.close();
  });

  it('forRootAsync with useFactory reads ConfigService', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        EngageSendModule.forRootAsync({
          imports: [
            ConfigModule.forRoot({
              ignoreEnvFile: true,
              load: [() => ({ ENGAGE_BASE_URL: options.baseUrl, ENGAGE_SOURCE_ID: SOURCE.id, ENGAGE_ACCESS_TOKEN: SOURCE.accessToken })],
            }),
          ],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            baseUrl: config.getOrThrow<string>('ENGAGE_BASE_URL'),
            sourceId: config.getOrThrow<string>('ENGAGE_SOURCE_ID'),
            accessToken: config.getOrThrow<string>('ENGAGE_ACCESS_TOKEN'),
          }),
        }),
      ],
    }).compile();
    await sendsThrough(moduleRef.get(EngageSendService));
    await moduleRef.close();
  });

  it('forRootAsync with useClass builds options from a factory class', async () => {
    @Injectable()
    class EngageOptionsFactory {
      create(): EngageSendModuleOptions {
        return options;
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRootAsync({ useClass: EngageOptionsFactory })],
    }).compile();
    await sendsThrough(moduleRef.get(EngageSendService));
    await moduleRef.close();
  });

  it('forRootAsync with useExisting reuses a factory exported by another module', async () => {
    @Injectable()
    class SharedOptions {
      create(): EngageSendModuleOptions {
        return { ...options, timeoutMs: 1234 };
      }
    }
    @Module({ providers: [SharedOptions], exports: [SharedOptions] })
    class SharedOptionsModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRootAsync({ imports: [SharedOptionsModule], useExisting: SharedOptions })],
    }).compile();
    await sendsThrough(moduleRef.get(EngageSendService));
    const http = moduleRef.get<HttpService>(getEngageHttpServiceToken());
    expect(http.axiosRef.defaults.timeout).toBe(1234);
    await moduleRef.close();
  });

  it('isGlobal lets a feature module inject the service without importing the module', async () => {
    @Injectable()
    class Notifier {
      constructor(readonly engage: EngageSendService) {}
    }
    @Module({ providers: [Notifier], exports: [Notifier] })
    class FeatureModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [EngageSendModule.forRoot({ ...options, isGlobal: true }), FeatureModule],
    }).compile();
    await sendsThrough(moduleRef.get(Notifier).engage);
    await moduleRef.close();
  });

  it('without isGlobal, a feature module that does not import it cannot resolve the service', async () => {
    @Injectable()
    class Notifier {
      constructor(readonly engage: EngageSendService) {}
    }
    @Module({ providers: [Notifier] })
    class FeatureModule {}
    await expect(
      Test.createTestingModule({ imports: [EngageSendModule.forRoot(options), FeatureModule] }).compile(),
    ).rejects.toThrow(/EngageSendService/);
  });

  it('two named registrations send to their own source with their own token and axios instance', async () => {
    @Injectable()
    class Bridge {
      constructor(
        @InjectEngageSend('support') readonly support: EngageSendService,
        @InjectEngageSend('sales') readonly sales: EngageSendService,
      ) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        EngageSendModule.forRoot({ ...options, name: 'support', isGlobal: true }),
        EngageSendModule.forRoot({ ...options, sourceId: OTHER.id, accessToken: OTHER.accessToken, name: 'sales', isGlobal: true }),
      ],
      providers: [Bridge],
    }).compile();
    const bridge = moduleRef.get(Bridge);
    expect(bridge.support).not.toBe(bridge.sales);
    await sendsThrough(bridge.support, SOURCE.id);
    await sendsThrough(bridge.sales, OTHER.id);
    // Each registration signs with its own key on its own axios instance.
    const supportHttp = moduleRef.get<HttpService>(getEngageHttpServiceToken('support'));
    const salesHttp = moduleRef.get<HttpService>(getEngageHttpServiceToken('sales'));
    expect(supportHttp.axiosRef).not.toBe(salesHttp.axiosRef);
    expect(moduleRef.get(getEngageSendServiceToken('sales'))).toBe(bridge.sales);
    await moduleRef.close();
  });

  describe('bad options fail at bootstrap with a clear message', () => {
    const cases: [string, Partial<EngageSendModuleOptions>, RegExp][] = [
      ['missing token', { accessToken: '' }, /accessToken is required/],
      ['malformed URL', { baseUrl: 'not a url' }, /baseUrl is not a valid absolute URL/],
      ['http to a non-loopback host', { baseUrl: 'http://acme.engagement.dimelo.com' }, /baseUrl uses http:\/\/ to "acme\.engagement\.dimelo\.com"/],
      ['non-http scheme', { baseUrl: 'ftp://acme.example' }, /baseUrl must use https:\/\//],
      ['missing source id', { sourceId: undefined }, /sourceId is required/],
      ['source id with path characters', { sourceId: '../admin' }, /sourceId may only contain/],
      ['CR/LF in the base URL', { baseUrl: 'https://acme.example\r\nX-Evil: 1' }, /baseUrl must not contain control characters/],
      ['non-positive timeout', { timeoutMs: 0 }, /timeoutMs must be a positive integer/],
      ['unknown unknownProperties mode', { unknownProperties: 'drop' as never }, /unknownProperties must be one of reject, strip, forward/],
    ];
    it.each(cases)('%s', async (_name, override, message) => {
      const bad = { ...options, ...override } as EngageSendModuleOptions;
      const compiling = Test.createTestingModule({ imports: [EngageSendModule.forRoot(bad)] }).compile();
      await expect(compiling).rejects.toThrow(EngageSendOptionsError);
      await expect(compiling).rejects.toThrow(message);
    });

    it('lists every problem at once and never echoes the token', async () => {
      const error = await Test.createTestingModule({
        imports: [EngageSendModule.forRoot({ baseUrl: 'http://evil.example', sourceId: '', accessToken: 'bad\ntoken-SECRET' })],
      })
        .compile()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(EngageSendOptionsError);
      expect((error as EngageSendOptionsError).problems).toHaveLength(3);
      expect(String((error as Error).message)).not.toContain('token-SECRET');
    });

    it('allowInsecureHttp permits http:// to a non-loopback host', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [EngageSendModule.forRoot({ ...options, baseUrl: 'http://acme.example', allowInsecureHttp: true })],
      }).compile();
      expect(moduleRef.get(EngageSendService).sourceId).toBe(SOURCE.id);
      await moduleRef.close();
    });

    it('the async form validates the factory result too', async () => {
      await expect(
        Test.createTestingModule({
          imports: [EngageSendModule.forRootAsync({ useFactory: () => ({ ...options, accessToken: '  ' }) })],
        }).compile(),
      ).rejects.toThrow(/accessToken is required/);
    });
  });
});
