import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseJsonSpanLines, type JsonSpanLine } from '../../apps/demo/src/json-console-span-exporter.js';
import { BUILD_TIMEOUT_MS, ensureBuilt, spawnDemo, STARTUP_TIMEOUT_MS, stopDemo, waitFor, waitForUrl, type SpawnedDemo } from './spawned-demo.js';

// The demo as `npm start` runs it (see spawned-demo.ts), with the console exporter.

const DEMO_TOKEN = 'demo-token';
const MESSAGE_BODY = 'Tracing e2e: this body must never reach a span';
const SPANS_TIMEOUT_MS = 5_000;

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
  let child: SpawnedDemo | undefined;
  let spans: JsonSpanLine[] = [];

  beforeAll(async () => {
    ensureBuilt();
    child = spawnDemo({ OTEL_TRACES_EXPORTER: 'console' });
    const demo = child;
    const url = await waitForUrl(demo);

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
  }, STARTUP_TIMEOUT_MS + SPANS_TIMEOUT_MS + BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (child) await stopDemo(child);
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
