import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseJsonSpanLines, type JsonSpanLine } from '../../apps/demo/src/json-console-span-exporter.js';

/*
 * The demo as `npm start` runs it: the compiled app, preloaded with
 * `--import instrument.js`, console exporter. Runs the compiled output, so it
 * builds first when the output is missing or older than its sources (`.ci/run`
 * has built already; locally this keeps `npm test` a single command).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INSTRUMENT = join(ROOT, 'apps/demo/dist/instrument.js');
const MAIN = join(ROOT, 'apps/demo/dist/main.js');
/** Source trees whose compiled output the child runs: the demo's, and the library's (imported as `engage-send`). */
const BUILDS = [
  { src: join(ROOT, 'apps/demo/src'), output: MAIN },
  { src: join(ROOT, 'libs/engage-send/src'), output: join(ROOT, 'libs/engage-send/dist/index.js') },
];

const DEMO_TOKEN = 'demo-token';
const MESSAGE_BODY = 'Tracing e2e: this body must never reach a span';
const STARTUP_TIMEOUT_MS = 15_000;
const SPANS_TIMEOUT_MS = 5_000;

function newestTs(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => statSync(join(dir, file)).mtimeMs),
  );
}

/** Why the compiled demo or library can't be run as is, or `undefined` when it is up to date. */
function buildProblem(): string | undefined {
  for (const { src, output } of BUILDS) {
    const name = relative(ROOT, output);
    if (!existsSync(output) || (src === BUILDS[0].src && !existsSync(INSTRUMENT))) {
      return `${name} (or instrument.js) is missing`;
    }
    if (newestTs(src) > statSync(output).mtimeMs) return `${name} is older than ${relative(ROOT, src)}`;
  }
  return undefined;
}

/** Builds when needed; throws, naming the problem, if the build does not fix it. */
function ensureBuilt(): void {
  if (buildProblem() === undefined) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  const problem = buildProblem();
  if (problem) throw new Error(`${problem} even after \`npm run build\``);
}

/** The spawned demo and everything it printed so far. */
interface Child {
  readonly process: ChildProcess;
  stdout: string;
  stderr: string;
}

function startDemo(): Child {
  const env: NodeJS.ProcessEnv = {};
  // The parent's OTEL_*, ENGAGE_* or NODE_OPTIONS would change what is tested.
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(OTEL_|ENGAGE_|NODE_OPTIONS$)/.test(key)) env[key] = value;
  }
  const child = spawn(process.execPath, ['--import', INSTRUMENT, MAIN], {
    cwd: ROOT,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state: Child = { process: child, stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (state.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (state.stderr += chunk));
  return state;
}

function describeChild(child: Child): string {
  const tail = (text: string) => text.split('\n').slice(-30).join('\n');
  return `\n--- demo stdout (tail) ---\n${tail(child.stdout)}\n--- demo stderr (tail) ---\n${tail(child.stderr)}`;
}

/** Resolves with what `read` finds in the child's output, polling until then; rejects on timeout or exit. */
async function waitFor<T>(child: Child, what: string, timeoutMs: number, read: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = read();
    if (found !== undefined) return found;
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`the demo exited (${child.process.exitCode ?? child.process.signalCode}) before ${what}${describeChild(child)}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describeChild(child)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: Child): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The ancestors of `span` in `spans`, nearest first. */
function ancestors(span: JsonSpanLine, spans: readonly JsonSpanLine[]): JsonSpanLine[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: JsonSpanLine[] = [];
  for (let parent = span.parentSpanId; parent !== undefined; ) {
    const next = byId.get(parent);
    if (next === undefined || chain.includes(next)) break;
    chain.push(next);
    parent = next.parentSpanId;
  }
  return chain;
}

describe('demo tracing (npm start, console exporter)', () => {
  let child: Child | undefined;
  let spans: JsonSpanLine[] = [];

  beforeAll(async () => {
    ensureBuilt();
    child = startDemo();
    const demo = child;
    const url = await waitFor(demo, 'the "Listening on" log line', STARTUP_TIMEOUT_MS, () => /Listening on (http:\/\/\S+)/.exec(demo.stdout)?.[1]);

    const now = new Date().toISOString();
    const res = await fetch(`${url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'tracing-message-1',
        thread_id: 'tracing-thread-1',
        body: MESSAGE_BODY,
        format: 'text',
        author: { id: 'tracing-user-1', screenname: 'Jane Doe', created_at: now, updated_at: now },
      }),
    });
    expect(res.status).toBe(201);

    // The SERVER span ends once the response is sent: possibly just after the client has it.
    spans = await waitFor(demo, 'the SERVER span of POST /messages', SPANS_TIMEOUT_MS, () => {
      const printed = parseJsonSpanLines(demo.stdout);
      const done = (name: string) => printed.some((s) => s.kind === 'SERVER' && s.name === name);
      return done('POST /messages') && done('POST /engage') ? printed : undefined;
    });
  }, STARTUP_TIMEOUT_MS + SPANS_TIMEOUT_MS + 125_000);

  afterAll(async () => {
    if (child) await stop(child);
  });

  it('prints one trace: incoming request → Nest handler → engage.send messages.create → POST attempt(s)', () => {
    // One request to /messages, so one SERVER span for it; the embedded emulator's side gets none.
    // (At start the embedded emulator also calls the demo's POST /engage: a trace of its own, below.)
    const servers = spans.filter((s) => s.kind === 'SERVER' && s.name !== 'POST /engage' && s.scope !== 'engage-send');
    expect(servers).toEqual([
      expect.objectContaining({ name: 'POST /messages', scope: '@opentelemetry/instrumentation-http' }),
    ]);
    const server = servers[0];
    expect(server.parentSpanId).toBeUndefined();
    expect(server.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/messages', 'http.response.status_code': 201 });
    const trace = spans.filter((s) => s.traceId === server.traceId);

    const sends = trace.filter((s) => s.name === 'engage.send messages.create');
    expect(sends).toEqual([expect.objectContaining({ kind: 'INTERNAL', scope: 'engage-send' })]);
    const send = sends[0];
    expect(send.attributes).toMatchObject({ 'engage.action': 'messages.create', 'engage.source_id': 'demo-source' });

    // Its parent chain: Nest's handler span, Nest's controller span, then the SERVER span, the root.
    const chain = ancestors(send, trace);
    expect(chain.map((s) => [s.name, s.kind, s.attributes['nestjs.type']])).toEqual([
      ['create', 'INTERNAL', 'handler'],
      ['MessagesController.create', 'INTERNAL', 'request_context'],
      ['POST /messages', 'SERVER', undefined],
    ]);
    expect(chain.at(-1)?.spanId).toBe(server.spanId);

    // The library's attempt span(s), children of the send span; nothing else makes CLIENT spans (no double).
    const attempts = trace.filter((s) => s.kind === 'CLIENT');
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ name: 'POST', scope: 'engage-send', parentSpanId: send.spanId });
      expect(attempt.attributes).toMatchObject({
        'http.request.method': 'POST',
        'server.address': '127.0.0.1',
        'url.full': expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/realtime\/sdk\/demo-source$/),
      });
    }
    expect(attempts.at(-1)?.attributes['http.response.status_code']).toBe(200);
    expect(spans.filter((s) => s.kind === 'CLIENT')).toHaveLength(attempts.length);

    // Every send span of the library belongs to that one trace.
    expect(spans.filter((s) => s.scope === 'engage-send' && s.kind !== 'SERVER').every((s) => s.traceId === server.traceId)).toBe(true);
  });

  it("the embedded emulator's implementation.info call: POST /engage → engage.receive implementation.info", () => {
    const receive = spans.find((s) => s.name === 'engage.receive implementation.info');
    expect(receive).toMatchObject({ kind: 'SERVER', scope: 'engage-send', attributes: { 'engage.action': 'implementation.info', 'engage.outcome': 'success' } });
    expect(ancestors(receive!, spans).map((s) => [s.name, s.kind])).toEqual([['POST /engage', 'SERVER']]);
  });

  it('puts neither the access token nor the message body in any span', () => {
    expect(spans.length).toBeGreaterThan(0);
    const printed = JSON.stringify(spans.map(({ name, attributes, status }) => ({ name, attributes, status })));
    expect(printed).not.toContain(DEMO_TOKEN);
    expect(printed).not.toContain(MESSAGE_BODY);
  });

  it('ends on SIGTERM the way it would without tracing (Nest closes, the SDK flushes)', async () => {
    const demo = child!;
    const exited = new Promise<void>((resolve) => demo.process.once('exit', () => resolve()));
    demo.process.kill('SIGTERM');
    await exited;

    expect(demo.process.signalCode).toBe('SIGTERM');
    expect(demo.stderr).not.toMatch(/error/i);
  });
});
