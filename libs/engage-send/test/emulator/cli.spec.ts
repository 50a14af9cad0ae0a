import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from '@jest/globals';

import {
  DEFAULT_EMULATOR_HOST,
  DEFAULT_EMULATOR_PORT,
  parseEmulatorCliConfig,
  runEmulatorCli,
  type EmulatorCliHandle,
} from '../../src/testing/index.js';
import { envelope, post } from './emulator-test-kit.js';

const handles: EmulatorCliHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.shutdown('test teardown')));
});

/** Runs the CLI in-process on a free port, with its own signal emitter and captured log. */
async function run(env: Record<string, string>) {
  const lines: string[] = [];
  const signals = new EventEmitter();
  const handle = await runEmulatorCli({ ENGAGE_EMULATOR_PORT: '0', ...env }, (line) => lines.push(line), signals);
  handles.push(handle);
  return { handle, lines, signals };
}

const MARK_READ = envelope('status.mark_as_read', { id: '890' });

describe('parseEmulatorCliConfig', () => {
  it('defaults to 127.0.0.1:8787 and the demo source', () => {
    expect(parseEmulatorCliConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      sources: [{ id: 'demo-source', accessToken: 'demo-token' }],
      usesDefaultSource: true,
    });
    expect([DEFAULT_EMULATOR_PORT, DEFAULT_EMULATOR_HOST]).toEqual([8787, '127.0.0.1']);
  });

  it('reads port, host and sources (a token may contain colons)', () => {
    expect(parseEmulatorCliConfig({ ENGAGE_EMULATOR_PORT: '9000', ENGAGE_EMULATOR_HOST: '0.0.0.0', ENGAGE_EMULATOR_SOURCES: ' a:tok-a , b:tok:b ,' })).toEqual({
      port: 9000,
      host: '0.0.0.0',
      sources: [
        { id: 'a', accessToken: 'tok-a' },
        { id: 'b', accessToken: 'tok:b' },
      ],
      usesDefaultSource: false,
    });
  });

  it.each(['-1', '65536', 'http', '80.5', '1e3'])('rejects port %s', (port) => {
    expect(() => parseEmulatorCliConfig({ ENGAGE_EMULATOR_PORT: port })).toThrow('ENGAGE_EMULATOR_PORT');
  });

  it.each(['no-colon-secret', 'a:', ':secret', ','])('rejects sources %j without echoing the entry', (sources) => {
    let message = '';
    try {
      parseEmulatorCliConfig({ ENGAGE_EMULATOR_SOURCES: sources });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ENGAGE_EMULATOR_SOURCES');
    expect(message).not.toContain('secret');
  });

  it('rejects a source listed twice', () => {
    expect(() => parseEmulatorCliConfig({ ENGAGE_EMULATOR_SOURCES: 'a:1,a:2' })).toThrow('twice');
  });
});

describe('runEmulatorCli', () => {
  it('serves the default demo source and says so without printing its token', async () => {
    const { handle, lines } = await run({});
    expect((await post(handle.baseUrl, MARK_READ, { sourceId: 'demo-source', token: 'demo-token' })).body).toBe('ok');
    expect(lines[0]).toContain(`Engage emulator listening on ${handle.baseUrl}`);
    expect(lines[0]).toContain('demo-source (default source');
    expect(lines.join('\n')).not.toContain('demo-token');
  });

  it('serves the sources from ENGAGE_EMULATOR_SOURCES and logs one line per request, never tokens', async () => {
    const { handle, lines } = await run({ ENGAGE_EMULATOR_SOURCES: 'abc:secret-abc,def:secret-def' });
    expect((await post(handle.baseUrl, MARK_READ, { sourceId: 'abc', token: 'secret-abc' })).body).toBe('ok');
    expect((await post(handle.baseUrl, MARK_READ, { sourceId: 'def', token: 'secret-def' })).body).toBe('ok');
    expect((await post(handle.baseUrl, MARK_READ, { sourceId: 'abc', token: 'secret-def' })).body).toBe('Invalid signature');
    expect((await post(handle.baseUrl, MARK_READ, { sourceId: 'demo-source', token: 'demo-token' })).body).toBe('Source not found');
    expect(lines[0]).toMatch(/sources: abc, def$/);
    expect(lines.slice(1)).toEqual([
      '200 status.mark_as_read source=abc id=890',
      '200 status.mark_as_read source=def id=890',
      '422 Invalid signature source=abc',
      '422 Source not found source=demo-source',
    ]);
    expect(lines.join('\n')).not.toMatch(/secret-/);
  });

  it.each(['SIGINT', 'SIGTERM'])('stops on %s', async (signal) => {
    const { handle, lines, signals } = await run({});
    signals.emit(signal);
    await handle.stopped;
    expect(lines.slice(-2)).toEqual([`Engage emulator stopping (${signal})`, 'Engage emulator stopped']);
    await expect(post(handle.baseUrl, MARK_READ, { agent: false })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // Its listeners are gone, so a second signal falls through to the default behaviour.
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('rejects on invalid configuration before listening', async () => {
    await expect(runEmulatorCli({ ENGAGE_EMULATOR_PORT: 'eighty' }, () => undefined, new EventEmitter())).rejects.toThrow('ENGAGE_EMULATOR_PORT');
  });
});

describe('emulator.cli.ts', () => {
  it('is a thin executable: shebang first, delegating to runEmulatorCli', () => {
    const source = readFileSync(new URL('../../src/testing/emulator.cli.ts', import.meta.url), 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(source).toContain("import { runEmulatorCli } from './run-emulator-cli.js';");
    expect(source).toContain('runEmulatorCli()');
    expect(source).toContain('process.exitCode = 1');
  });
});
