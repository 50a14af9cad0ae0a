import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { messageOfSize, post, runConcurrently } from './emulator-test-kit.js';

/*
 * The standalone emulator (`engage-emulator`) as its own process: the CLI
 * entry point compiled from the current sources into a scratch folder (never
 * `dist/`, which other suites may be rebuilding), run with a preloaded probe
 * that answers `process.memoryUsage()` after a full GC over IPC.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SOURCE = { id: 'cli-source', accessToken: 'cli-token' };
// Collects until two readings agree (Buffer memory is freed on a background thread), as retainedBytes() does.
const MEMORY_PROBE = `data:text/javascript,${encodeURIComponent(`
  process.channel?.unref();
  process.on('message', async () => {
    let previous = NaN;
    let usage;
    for (let attempt = 0; attempt < 20; attempt++) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 25));
      usage = process.memoryUsage();
      if (Math.abs(usage.heapUsed + usage.external - previous) < 256 * 1024) break;
      previous = usage.heapUsed + usage.external;
    }
    process.send(usage);
  });`)}`;

let scratch: string;
let child: ChildProcess;
let output = '';
let baseUrl: string;

/** Compiles `emulator.cli.ts` and what it imports (type checks are `npm run typecheck`'s job). */
async function compileCli(outDir: string): Promise<string> {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const src = join(ROOT, 'libs/engage-send/src');
  await promisify(execFile)(
    process.execPath,
    [tsc, '--ignoreConfig', '--noCheck', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022',
      '--types', 'node', '--experimentalDecorators', '--rootDir', src, '--outDir', outDir, join(src, 'testing/emulator.cli.ts')],
    { cwd: ROOT, timeout: 120_000 },
  );
  return join(outDir, 'testing/emulator.cli.js');
}

/** The child's memory after a full GC: JS heap plus Buffers, and its resident set. */
function childMemory(): Promise<{ retained: number; rss: number }> {
  return new Promise((resolve) => {
    child.once('message', (usage) => {
      const { heapUsed, external, rss } = usage as NodeJS.MemoryUsage;
      resolve({ retained: heapUsed + external, rss });
    });
    child.send('memory');
  });
}

beforeAll(async () => {
  // Inside the repository, so the compiled files resolve packages from its node_modules.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  scratch = mkdtempSync(join(ROOT, 'node_modules/.cache/engage-emulator-cli-'));
  const cli = await compileCli(scratch);
  child = fork(cli, [], {
    execArgv: ['--expose-gc', '--import', MEMORY_PROBE],
    env: { PATH: process.env['PATH'], ENGAGE_EMULATOR_PORT: '0', ENGAGE_EMULATOR_SOURCES: `${SOURCE.id}:${SOURCE.accessToken}` },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-10_000)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-10_000)));
  for (let waited = 0; baseUrl === undefined; waited += 20) {
    const listening = /listening on (http:\/\/\S+) /.exec(output);
    if (listening) baseUrl = listening[1] as string;
    else if (waited > 20_000 || child.exitCode !== null) throw new Error(`the standalone emulator did not start:\n${output}`);
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
}, 180_000);

afterAll(async () => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('the standalone emulator process', () => {
  it('retains almost nothing from 8 signed 16 MB messages and 6 000 unauthenticated 404s with 8 KB paths', async () => {
    const before = await childMemory();
    const body = messageOfSize(16_000_000);
    for (let i = 0; i < 8; i++) {
      expect((await post(baseUrl, body, { sourceId: SOURCE.id, token: SOURCE.accessToken })).body).toBe('ok');
    }
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const longPath = `/${'p'.repeat(8_000)}`;
    await runConcurrently(6_000, 16, async (i) => {
      const answer = await post(baseUrl, '', { method: 'GET', path: `${longPath}/${i}`, agent });
      if (answer.status !== 404) throw new Error(`request ${i} answered ${answer.status}`);
    });
    agent.destroy();
    const after = await childMemory();

    // Everything kept would be ~300 MB: 8 × (16 MB of bytes + 16 MB parsed) and 6 000 × 8 KB paths.
    expect(after.retained - before.retained).toBeLessThan(32e6);
  }, 120_000);

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Engage emulator stopped');
  }, 30_000);
});
