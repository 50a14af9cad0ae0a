import { afterEach, describe, expect, it } from '@jest/globals';
import { BUILD_TIMEOUT_MS, ensureBuilt, exited, spawnDemo, STARTUP_TIMEOUT_MS, stopDemo, waitFor, waitForUrl, type SpawnedDemo } from './spawned-demo.js';

/*
 * Issue 12: the console a person reads when running `npm start`. Before, 55 %
 * of it was span JSON, and a bad configuration was printed twice (three times
 * counting the span).
 */

const now = new Date().toISOString();
const message = {
  id: 'console-message-1',
  thread_id: 'console-thread-1',
  body: 'Hello',
  author: { id: 'console-user-1', screenname: 'Jane', created_at: now, updated_at: now },
};

describe('demo console (npm start)', () => {
  let child: SpawnedDemo | undefined;

  afterEach(async () => {
    if (child) await stopDemo(child);
    child = undefined;
  });

  it(
    'prints no span JSON unless asked, and no Nest module-by-module chatter: the start-up summary, then a line per send',
    async () => {
      ensureBuilt();
      const demo = (child = spawnDemo());
      const url = await waitForUrl(demo);
      const res = await fetch(`${url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
      expect(res.status).toBe(201);
      await waitFor(demo, "the emulator's line for the send", 5_000, () => (demo.stdout.includes('200 messages.create') ? true : undefined));
      await stopDemo(demo);

      const lines = demo.stdout.split('\n').filter((line) => line.trim() !== '');
      expect(lines.filter((line) => line.startsWith('otel-span '))).toEqual([]);
      expect(demo.stdout).not.toMatch(/InstanceLoader|RouterExplorer|RoutesResolver/);
      expect(demo.stdout).toContain('Tracing: off; OTEL_TRACES_EXPORTER=console prints spans');
      expect(demo.stdout).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+/);
      // The library's per-send debug line is for LOG_LEVEL=debug.
      expect(demo.stdout).not.toContain('DEBUG');
      expect(demo.stderr).toBe('');
    },
    STARTUP_TIMEOUT_MS + BUILD_TIMEOUT_MS + 10_000,
  );

  it(
    'prints a bad configuration once, without a stack, and exits 1',
    async () => {
      ensureBuilt();
      const demo = (child = spawnDemo({ ENGAGE_BASE_URL: 'http://engage.example.com', ENGAGE_SOURCE_ID: 'src', ENGAGE_ACCESS_TOKEN: 'tok-secret' }));
      await exited(demo);

      const output = demo.stdout + demo.stderr;
      expect(demo.process.exitCode).toBe(1);
      expect(output.match(/Invalid EngageSendModule options/g)).toHaveLength(1);
      expect(output).toContain('Demo failed to start: Invalid EngageSendModule options:\n  - baseUrl uses http:// to "engage.example.com"');
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain('tok-secret');
    },
    BUILD_TIMEOUT_MS + 15_000,
  );

  it(
    'prints a bad variable of its own once too, naming it',
    async () => {
      ensureBuilt();
      const demo = (child = spawnDemo({ ALLOWED_HOSTS: 'demo.internal:3000' }));
      await exited(demo);

      expect(demo.process.exitCode).toBe(1);
      expect((demo.stdout + demo.stderr).match(/ALLOWED_HOSTS must list host names/g)).toHaveLength(1);
    },
    BUILD_TIMEOUT_MS + 15_000,
  );
});
