import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  EngageAccessToken,
  EngageSendModule,
  EngageSendOptionsError,
  EngageSendService,
  EngageUnexpectedResponseError,
  EngageValidationError,
  type EngageSendModuleOptions,
} from '../../src/index.js';
import { aMessage } from '../support/emulator.fixture.js';
import { RecordingServer } from '../support/recording-server.js';
import { silentLogger } from '../support/silent-logger.js';

const TOKEN = 'tok-security-4b1f-SECRET';
let server: RecordingServer | undefined;
let moduleRef: TestingModule | undefined;

afterEach(async () => {
  await moduleRef?.close();
  await server?.stop();
  moduleRef = undefined;
  server = undefined;
});

async function serviceAt(baseUrl: string, extra: Partial<EngageSendModuleOptions> = {}): Promise<EngageSendService> {
  moduleRef = await Test.createTestingModule({
    imports: [EngageSendModule.forRoot({ baseUrl, sourceId: 'src-1', accessToken: TOKEN, retry: false, ...extra })],
  })
    .setLogger(silentLogger)
    .compile();
  return moduleRef.get(EngageSendService);
}

const answerOk = (_req: unknown, res: import('node:http').ServerResponse) => res.end('ok');

describe('security', () => {
  it('never follows a redirect: the signed body goes to one place only', async () => {
    server = new RecordingServer((req, res, self) => {
      if (req.url.startsWith('/realtime/')) {
        res.writeHead(307, { location: `${self.baseUrl}/stolen` }).end();
      } else res.end('ok');
    });
    const engage = await serviceAt(await server.start());
    await expect(engage.messages.create(aMessage() as never)).rejects.toBeInstanceOf(EngageUnexpectedResponseError);
    expect(server.seen.map((r) => r.url)).toEqual(['/realtime/sdk/src-1']);
  });

  it('refuses http:// to a non-loopback host unless explicitly allowed', async () => {
    await expect(serviceAt('http://engage.example.com')).rejects.toThrow(/not loopback/);
    await expect(serviceAt('http://engage.example.com', { allowInsecureHttp: true })).resolves.toBeInstanceOf(EngageSendService);
    await expect(serviceAt('https://engage.example.com')).resolves.toBeInstanceOf(EngageSendService);
  });

  it.each(['../x', '../../admin', 'a/b', 'a?admin=1', 'a#frag', '%2e%2e', 'a b', 'a\r\nHost: evil'])(
    'source id %j is refused at bootstrap and never reaches the server',
    async (sourceId) => {
      server = new RecordingServer(answerOk);
      const baseUrl = await server.start();
      await expect(serviceAt(baseUrl, { sourceId })).rejects.toThrow(EngageSendOptionsError);
      expect(server.seen).toHaveLength(0);
    },
  );

  it('a valid source id is the last path segment, URL-encoded', async () => {
    server = new RecordingServer(answerOk);
    const engage = await serviceAt(`${await server.start()}/base/`, { sourceId: 'Ab-9_z' });
    await engage.status.markAsRead({ id: 'm1' });
    expect(server.seen.map((r) => r.url)).toEqual(['/base/realtime/sdk/Ab-9_z']);
  });

  it('checks header values from options: CR/LF and reserved headers refused; valid ones sent', async () => {
    server = new RecordingServer(answerOk);
    const baseUrl = await server.start();
    await expect(serviceAt(baseUrl, { headers: { 'X-Trace': 'a\r\nX-Evil: 1' } })).rejects.toThrow(/headers\.X-Trace must not contain control characters/);
    await expect(serviceAt(baseUrl, { headers: { 'X-Bad\nName': 'v' } })).rejects.toThrow(/not a valid header name/);
    await expect(serviceAt(baseUrl, { headers: { 'x-smccsdk-signature': 'forged' } })).rejects.toThrow(/cannot be overridden/);
    const engage = await serviceAt(baseUrl, { headers: { 'X-Proxy-Auth': 'p1' } });
    await engage.status.markAsRead({ id: 'm1' });
    expect(server.seen[0].headers['x-proxy-auth']).toBe('p1');
    expect(server.seen[0].headers['x-evil']).toBeUndefined();
  });

  it('reads answers with a size cap: a huge answer fails typed, not with the whole body in memory', async () => {
    const huge = 'x'.repeat(8 * 1024 * 1024);
    server = new RecordingServer((_req, res) => res.end(huge));
    const engage = await serviceAt(await server.start());
    const error = await engage.status.markAsRead({ id: 'm1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngageUnexpectedResponseError);
    expect(JSON.stringify(error).length).toBeLessThan(2_000);
  });

  describe('__proto__ and constructor keys cannot pollute prototypes', () => {
    const polluting = (): Record<string, unknown> =>
      JSON.parse(
        '{"id":"m1","thread_id":"t1","author":{"id":"u","screenname":"U","__proto__":{"polluted":"author"}},"body":"x","__proto__":{"polluted":"root"},"constructor":{"prototype":{"polluted":"ctor"}}}',
      );

    it('reject mode: refused with the paths named, nothing sent, no prototype touched', async () => {
      server = new RecordingServer(answerOk);
      const engage = await serviceAt(await server.start(), { unknownProperties: 'reject' });
      const error = await engage.messages.create(polluting() as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngageValidationError);
      const paths = (error as EngageValidationError).errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['params.__proto__', 'params.constructor', 'params.author.__proto__']));
      expect(server.seen).toHaveLength(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each(['strip', 'forward'] as const)('%s mode: the keys are dropped before sending', async (unknownProperties) => {
      server = new RecordingServer(answerOk);
      const engage = await serviceAt(await server.start(), { unknownProperties });
      await engage.messages.create(polluting() as never);
      const sent = server.seen[0].body.toString();
      expect(sent).not.toContain('__proto__');
      expect(sent).not.toContain('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('an EngageAccessToken never prints: JSON, inspect, template strings', async () => {
    const options = { baseUrl: 'https://x.example', sourceId: 's', accessToken: EngageAccessToken.from(TOKEN) };
    for (const text of [JSON.stringify(options), inspect(options, { depth: 5 }), `${options.accessToken}`, String(options.accessToken)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).toContain('REDACTED');
    }
    // …and it still signs: the server sees a valid send.
    server = new RecordingServer(answerOk);
    const engage = await serviceAt(await server.start(), { accessToken: options.accessToken });
    await expect(engage.status.markAsRead({ id: 'm1' })).resolves.toMatchObject({ status: 200 });
    expect(inspect(engage, { depth: 8 })).not.toContain(TOKEN);
    expect(JSON.stringify(moduleRef!.get(EngageSendService), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(TOKEN);
  });
});
