import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
// @ts-expect-error: a plain JavaScript script (it runs before anything is compiled), without types.
import { runDev } from '../../scripts/dev-runner.js';

/*
 * `npm run start:dev` (scripts/start-dev.js) runs tsc --watch for the library
 * and the demo, and restarts the demo after each clean compile. The loop is
 * tested here with stand-ins that print what tsc --watch prints, so no source
 * file of the repository is touched.
 */

/** Prints tsc's watch-mode lines: a clean compile at start, then one per SIGUSR1 (clean) or SIGUSR2 (1 error). */
const FAKE_TSC = `
const fs = require('node:fs');
fs.writeFileSync(process.argv[2], String(process.pid));
const compile = (errors) => {
  console.log('[1:00:00 PM] File change detected. Starting incremental compilation...');
  setTimeout(() => console.log('[1:00:01 PM] Found ' + errors + (errors === 1 ? ' error' : ' errors') + '. Watching for file changes.'), 20);
};
console.log('[1:00:00 PM] Starting compilation in watch mode...');
setTimeout(() => console.log('[1:00:01 PM] Found 0 errors. Watching for file changes.'), 20);
process.on('SIGUSR1', () => compile(0));
process.on('SIGUSR2', () => compile(1));
setInterval(() => {}, 1000);
`;

/** Writes "started <pid>" and, on SIGTERM, "stopped <pid>" to its log file. */
const FAKE_APP = `
const fs = require('node:fs');
fs.appendFileSync(process.argv[2], 'started ' + process.pid + '\\n');
process.on('SIGTERM', () => { fs.appendFileSync(process.argv[2], 'stopped ' + process.pid + '\\n'); process.exit(0); });
setInterval(() => {}, 1000);
`;

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('start:dev (scripts/dev-runner.js)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('starts the app after the first clean compiles, restarts it after each clean one, keeps it through type errors, stops everything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-dev-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'tsc.cjs'), FAKE_TSC);
    writeFileSync(join(dir, 'app.cjs'), FAKE_APP);
    const appLog = join(dir, 'app.log');
    appendFileSync(appLog, '');
    const lines: string[] = [];
    const watcher = (name: string) => ({ name, command: process.execPath, args: [join(dir, 'tsc.cjs'), join(dir, `${name}.pid`)] });
    const events = () => readFileSync(appLog, 'utf8').trim().split('\n').filter(Boolean);
    const pidOf = (name: string) => Number(readFileSync(join(dir, `${name}.pid`), 'utf8'));

    const dev = runDev({
      cwd: dir,
      watchers: [watcher('lib'), watcher('demo')],
      app: { name: 'app', command: process.execPath, args: [join(dir, 'app.cjs'), appLog] },
      log: (line: string) => lines.push(line),
      onWatcherLine: () => {},
    });
    try {
      await until('the first start', () => events().length === 1);
      expect(lines).toContain('[start:dev] compiled: starting app');

      process.kill(pidOf('lib'), 'SIGUSR1');
      await until('a restart', () => events().length === 3);
      expect(events()[1]).toBe(events()[0]!.replace('started', 'stopped'));
      expect(events()[2]).toMatch(/^started /);

      process.kill(pidOf('demo'), 'SIGUSR2');
      await until('the type-error line', () => lines.some((l) => l.includes('demo has type errors')));
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(events()).toHaveLength(3);

      process.kill(pidOf('demo'), 'SIGUSR1');
      await until('the restart after the fix', () => events().length === 5);
    } finally {
      await dev.stop();
    }
    expect(events().at(-1)).toMatch(/^stopped /);
    for (const name of ['lib', 'demo']) expect(() => process.kill(pidOf(name), 0)).toThrow();
  });
});
