/**
 * The clients compared, each behind the same `send(params)`:
 *
 * - `baseline`: raw undici `Pool.request` of a body serialised with
 *   `JSON.stringify` and signed with engage-send's own `signBody` — no
 *   validation, no tracing, no error mapping. The floor of any client.
 * - `engage-send`: `EngageSendService.messages.create` end to end (validation,
 *   serialisation, signing, span, retry policy, concurrency limiter), with the
 *   OpenTelemetry API's no-op tracer (no SDK registered).
 * - `engage-send+otel`: the same with a real SDK registered: a
 *   `BasicTracerProvider` with a `BatchSpanProcessor` into an in-memory
 *   exporter, the AsyncLocalStorage context manager, and a `MeterProvider`
 *   whose periodic reader exports to an in-memory exporter (so the library's
 *   counters and histograms record for real). One span per send (the
 *   default `attemptSpans: 'retries'`: attempt spans only for retried sends).
 * - `engage-send/axios`: the same as `engage-send`, with one (pass-through)
 *   user request interceptor on the registration's axios instance: every
 *   send goes through axios' pipeline and the undici adapter.
 * - `axios`: what a naive user writes: `axios.post` with a keep-alive agent.
 * - `diag:no-validation` (diagnostic, not a supported configuration):
 *   `engage-send` with its params validator swapped for a pass-through, to
 *   show what the send costs besides validation.
 *
 * `engage-send` is imported by name: the built package (`libs/engage-send/dist`)
 * under plain Node, the sources under Jest. A name ending in `@<label>`
 * (`engage-send@main`) runs the same variant on the library built at another
 * commit (`BENCH_COMPARE`, see compare-build.js): `target.libraries[label]`.
 */
import 'reflect-metadata';
import { Agent as HttpAgent } from 'node:http';
import { createSecretKey } from 'node:crypto';
import axios from 'axios';
import { Pool } from 'undici';

/** Variant names, in report order. */
export const VARIANTS = ['baseline', 'engage-send', 'engage-send+otel', 'engage-send/axios', 'axios', 'diag:no-validation'];

const CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * @param {string} name one of {@link VARIANTS}
 * @param {{ origin: string, sourceId: string, token: string, connections: number, timeoutMs?: number }} target
 * @returns {Promise<{ name: string, send: (params: object) => Promise<void>, close: () => Promise<void>, info: () => object }>}
 */
export async function createVariant(name, target) {
  const at = name.indexOf('@');
  if (at !== -1) {
    const library = target.libraries?.[name.slice(at + 1)];
    if (library === undefined) throw new Error(`variant ${name}: no library built for "${name.slice(at + 1)}" (BENCH_COMPARE)`);
    const variant = await createVariant(name.slice(0, at), { ...target, library });
    return { ...variant, name };
  }
  switch (name) {
    case 'baseline':
      return baseline(target);
    case 'engage-send':
      return engageSend(name, target, {});
    case 'engage-send+otel':
      return engageSend(name, target, { tracing: true });
    case 'engage-send/axios':
      return engageSend(name, target, { userInterceptor: true });
    case 'diag:no-validation':
      return engageSend(name, target, { skipValidation: true });
    case 'axios':
      return naiveAxios(target);
    default:
      throw new Error(`unknown variant ${name}`);
  }
}

async function baseline({ origin, sourceId, token, connections }) {
  const { signBody } = await import('engage-send');
  const key = createSecretKey(Buffer.from(token, 'utf8'));
  const pool = new Pool(origin, { connections });
  const path = `/realtime/sdk/${encodeURIComponent(sourceId)}`;
  return {
    name: 'baseline',
    async send(params) {
      const body = JSON.stringify({ action: 'messages.create', params });
      const { statusCode, body: answer } = await pool.request({
        path,
        method: 'POST',
        headers: { 'content-type': CONTENT_TYPE, 'x-smccsdk-signature': signBody(body, key) },
        body,
      });
      const text = await answer.text();
      if (statusCode !== 200 || text !== 'ok') throw new Error(`baseline: ${statusCode} ${text}`);
    },
    close: () => pool.close(),
    info: () => ({}),
  };
}

async function naiveAxios({ origin, sourceId, token, connections }) {
  const { signBody } = await import('engage-send');
  const key = createSecretKey(Buffer.from(token, 'utf8'));
  const agent = new HttpAgent({ keepAlive: true, maxSockets: connections });
  const client = axios.create({ httpAgent: agent });
  const url = `${origin}/realtime/sdk/${encodeURIComponent(sourceId)}`;
  return {
    name: 'axios',
    async send(params) {
      const body = JSON.stringify({ action: 'messages.create', params });
      const response = await client.post(url, body, {
        headers: { 'Content-Type': CONTENT_TYPE, 'X-SMCCSDK-SIGNATURE': signBody(body, key) },
      });
      if (response.status !== 200 || response.data !== 'ok') throw new Error(`axios: ${response.status} ${response.data}`);
    },
    async close() {
      agent.destroy();
    },
    info: () => ({}),
  };
}

/** Registers a real tracer and meter SDK globally; returns what to call on close. */
async function registerTracing() {
  const { context, metrics, trace } = await import('@opentelemetry/api');
  const { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } = await import('@opentelemetry/sdk-metrics');
  const meterProvider = new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA), exportIntervalMillis: 1_000 })],
  });
  metrics.setGlobalMeterProvider(meterProvider);
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } = await import('@opentelemetry/sdk-trace-base');
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  let sends = 0;
  return {
    /** Spans exported so far are dropped now and then: the exporter keeps them all otherwise. */
    onSend() {
      if (++sends % 4096 === 0) exporter.reset();
    },
    async close() {
      await provider.forceFlush();
      const exported = exporter.getFinishedSpans().length;
      await provider.shutdown();
      await meterProvider.shutdown();
      metrics.disable();
      trace.disable();
      context.disable();
      return exported;
    },
  };
}

async function engageSend(name, { origin, sourceId, token, connections, timeoutMs = 60_000, library }, { tracing = false, userInterceptor = false, skipValidation = false, moduleOptions = {} }) {
  const tracer = tracing ? await registerTracing() : undefined;
  const { NestFactory } = await import('@nestjs/core');
  const engage = await import(library ?? 'engage-send');
  const { EngageSendModule, EngageSendService, getEngageHttpServiceToken } = engage;
  const app = await NestFactory.createApplicationContext(
    EngageSendModule.forRoot({ baseUrl: origin, sourceId, accessToken: token, timeoutMs, maxInFlight: connections, connections, ...moduleOptions }),
    { logger: false, abortOnError: false },
  );
  const service = app.get(EngageSendService);
  const http = app.get(getEngageHttpServiceToken());
  if (userInterceptor) http.axiosRef.interceptors.request.use((config) => config);
  if (skipValidation) {
    // Reaches into the service's private validator: diagnostics only.
    if (typeof service.validator?.validate !== 'function') throw new Error('diag:no-validation: the service has no `validator` to replace');
    service.validator = { validate: (_action, params) => ({ ok: true, value: params }) };
  }
  // Which path the sends took (diagnostics only; read from the service's private transport).
  const transport = service.transport?.stats === undefined ? undefined : service.transport;
  return {
    name,
    send: tracer
      ? async (params) => {
          tracer.onSend();
          await service.messages.create(params);
        }
      : async (params) => {
          await service.messages.create(params);
        },
    async close() {
      await app.close();
      if (tracer) await tracer.close();
    },
    info: () => (transport ? { transport: { ...transport.stats } } : {}),
  };
}
