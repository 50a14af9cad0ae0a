import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplication } from '@nestjs/common';
import { AgentReplyDeduplicator, OnEngageCall, type AgentMessage, type ListCall } from '../../src/index.js';
import { runEmulatorCli, runEndpointCommand } from '../../src/testing/index.js';
import { appWith, PLATFORMS, startApp } from './endpoint-test-kit.js';

/* The emulator's command line playing Engage against an integration's endpoint. */

const TOKEN = 'cli-token-42c1-SECRET';

@Injectable()
class Replies {
  readonly stored: AgentMessage[] = [];
  private readonly once = new AgentReplyDeduplicator();

  @OnEngageCall('messages.create')
  create(message: AgentMessage) {
    return this.once.once(message, () => {
      this.stored.push(message);
      return { id: `reply-${this.stored.length}` };
    });
  }

  @OnEngageCall('messages.list')
  list({ since_id }: ListCall) {
    return since_id === undefined ? [{ id: 'm1' }, { id: 'm2' }] : [];
  }
}

describe('engage-emulator <command>', () => {
  let app: INestApplication;
  let env: Record<string, string>;

  beforeAll(async () => {
    let url: string;
    ({ app, url } = await startApp(
      PLATFORMS[0][1],
      appWith({ baseUrl: 'http://127.0.0.1:9', sourceId: 'cli-src', accessToken: TOKEN, endpoint: { path: '/engage', sends: ['messages.create', 'status.mark_as_read'] } }, Replies),
    ));
    env = { ENGAGE_ENDPOINT_URL: `${url}/engage`, ENGAGE_EMULATOR_SOURCES: `cli-src:${TOKEN}` };
  });
  afterAll(() => app.close());

  const run = async (args: string[], runEnv = env) => {
    const lines: string[] = [];
    const code = await runEndpointCommand(args, runEnv, (line) => lines.push(line));
    const output = lines.join('\n');
    expect(output).not.toContain(TOKEN);
    return { code, output };
  };

  it('info prints the declaration', async () => {
    const { code, output } = await run(['info']);
    expect(code).toBe(0);
    expect(JSON.parse(output)).toEqual({ objects: { messages: ['create', 'list'], status: ['mark_as_read'] }, options: [] });
  });

  it('crawl prints the contents in import order', async () => {
    const { code, output } = await run(['crawl', 'messages']);
    expect(code).toBe(0);
    expect(JSON.parse(output)).toMatchObject({ contents: [{ id: 'm1' }, { id: 'm2' }], lastId: 'm2' });
  });

  it('reply delivers an agent’s content, retried after a lost answer, stored once', async () => {
    const content = JSON.stringify({ body: 'Hello', content_id: 'c-1', in_reply_to_id: 'm1', thread_id: 't1' });
    const { code, output } = await run(['reply', 'messages', content, '--lose-first-answer']);
    expect(code).toBe(0);
    expect(JSON.parse(output)).toMatchObject({ outcome: 'accepted', answer: { id: 'reply-1' }, attempts: [{ retry: false, failure: 'answer lost' }, { retry: true }] });
    expect(app.get(Replies).stored).toHaveLength(1);
  });

  it('a wrong token: exit 1, the refusal said, the token not', async () => {
    const { code, output } = await run(['info'], { ...env, ENGAGE_EMULATOR_SOURCES: 'cli-src:another-token' });
    expect(code).toBe(1);
    expect(output).toContain('implementation.info: HTTP 422 Invalid signature');
    expect(output).not.toContain('another-token');
  });

  it.each([[['info'], {}], [['dance'], undefined], [['crawl'], undefined], [['reply', 'messages', 'not json'], undefined]])('usage errors: %j → exit 2', async (args, runEnv) => {
    const { code } = await run(args, runEnv ?? env);
    expect(code).toBe(2);
  });

  it('the standalone emulator asks the integration what it declares, and enforces it when told to', async () => {
    const lines: string[] = [];
    const handle = await runEmulatorCli({ ...env, ENGAGE_EMULATOR_PORT: '0', ENGAGE_EMULATOR_ENFORCE_DECLARED: '1' }, (line) => lines.push(line), new EventEmitter());
    try {
      expect(lines).toContain(`implementation.info of ${env.ENGAGE_ENDPOINT_URL}: messages: create, list; status: mark_as_read; options: none`);
      expect(lines.some((line) => line.includes('not declared by the integration are now refused'))).toBe(true);
      expect(lines.join('\n')).not.toContain(TOKEN);
    } finally {
      await handle.shutdown('test');
    }
  });
});
