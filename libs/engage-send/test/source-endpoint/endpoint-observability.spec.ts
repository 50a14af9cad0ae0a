import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplication } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { DataPoint, MetricData } from '@opentelemetry/sdk-metrics';
import {
  EngageContentError,
  EngageSendService,
  OnEngageCall,
  ReceiveMetricNames,
  SpanAttributes,
  type AgentMessage,
  type ContentIdCall,
  type EngageSendModuleOptions,
} from '../../src/index.js';
import type { EngageEmulator } from '../../src/testing/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { SOURCE, startEmulator } from '../support/emulator.fixture.js';
import { TelemetryFixture } from '../support/telemetry.fixture.js';
import { appWith, hmacHex, PLATFORMS, post, startApp } from './endpoint-test-kit.js';

/*
 * Every call to the endpoint: one SERVER span `engage.receive <action>`, a
 * metric by action and outcome, a log line per refusal; and none of them, nor
 * any error, ever holds the token, a signature or a body.
 */

const BODY = 'BODY-CANARY-3d9f agent words';

@Injectable()
class Handlers {
  constructor(private readonly engage: EngageSendService) {}

  @OnEngageCall('messages.create')
  async create(message: AgentMessage) {
    if (message.content_id === 'fatal') throw new EngageContentError('closed', { fatal: true });
    if (message.content_id === 'crash') throw new Error('handler crashed');
    // A send made while answering: its span is a child of the call's.
    await this.engage.status.markAsRead({ id: 'customer-msg-1' });
    return { id: 'reply-1' };
  }

  @OnEngageCall('messages.show')
  show({ id }: ContentIdCall) {
    // A JavaScript handler can break the contract the types state: the endpoint checks at run time too.
    return (id === 'bad' ? 'not an object' : { id }) as never;
  }
}

describe('source endpoint observability', () => {
  const telemetry = new TelemetryFixture();
  const logger = new CapturingLogger();
  let emulator: EngageEmulator;
  let app: INestApplication;
  let url: string;
  const requestSignatures: string[] = [];
  const answerSignatures: string[] = [];

  const call = async (body: string, options: { signature?: string | null } = {}) => {
    const signature = options.signature === undefined ? hmacHex(body, SOURCE.accessToken) : options.signature;
    if (signature !== null) requestSignatures.push(signature);
    const answer = await post(`${url}/engage`, body, { signature });
    const answerSignature = answer.headers['x-smccsdk-signature'];
    if (typeof answerSignature === 'string') answerSignatures.push(answerSignature);
    return answer;
  };
  const create = (contentId: string) => JSON.stringify({ action: 'messages.create', params: { body: BODY, content_id: contentId } });

  beforeAll(async () => {
    telemetry.register();
    emulator = await startEmulator();
    const options: EngageSendModuleOptions = {
      baseUrl: emulator.baseUrl,
      sourceId: SOURCE.id,
      accessToken: SOURCE.accessToken,
      endpoint: { path: '/engage', maxBodyBytes: 2048, sends: ['messages.create', 'status.mark_as_read'] },
    };
    ({ app, url } = await startApp(PLATFORMS[0][1], appWith(options, Handlers), logger));

    await call('{"action":"implementation.info"}');
    await call(create('ok'));
    await call(create('fatal'));
    await call(create('crash'));
    await call('{"action":"messages.show","params":{"id":"bad"}}');
    await call(create('ok'), { signature: hmacHex(create('ok'), 'another-token') });
    await call(create('ok'), { signature: null });
    await call(`{"action":"messages.create","params":{"body":"${BODY}${'x'.repeat(4000)}"}}`);
    await call(`not json ${BODY}`);
    await call('{"action":"threads.follow_up","params":{"id":"1"}}');
    await call(JSON.stringify({ action: 'messages.create', params: { body: BODY, retry: 'maybe' } }));
  });
  afterAll(async () => {
    await app.close();
    await emulator.stop();
    await telemetry.shutdown();
  });

  const serverSpans = () => telemetry.spans.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER);

  it('one SERVER span per call, named after the verified action, with source, outcome and status', () => {
    const spans = serverSpans();
    expect(spans.map((span) => [span.name, span.attributes['engage.outcome'], span.attributes[SpanAttributes.HTTP_STATUS], span.attributes[SpanAttributes.ERROR_TYPE]])).toEqual([
      ['engage.receive implementation.info', 'success', 200, undefined],
      ['engage.receive messages.create', 'success', 200, undefined],
      ['engage.receive messages.create', 'content_error', 200, undefined],
      ['engage.receive messages.create', 'error', 500, 'handler_error'],
      ['engage.receive messages.show', 'error', 500, 'invalid_answer'],
      ['engage.receive', 'refused', 422, 'invalid_signature'],
      ['engage.receive', 'refused', 422, 'invalid_signature'],
      ['engage.receive', 'refused', 413, 'body_too_large'],
      ['engage.receive', 'refused', 400, 'malformed_call'],
      ['engage.receive', 'refused', 400, 'unknown_action'],
      ['engage.receive messages.create', 'refused', 400, 'invalid_params'],
    ]);
    for (const span of spans) expect(span.attributes[SpanAttributes.SOURCE_ID]).toBe(SOURCE.id);
    expect(spans[1]?.attributes[SpanAttributes.ACTION]).toBe('messages.create');
    expect(spans[5]?.attributes[SpanAttributes.ACTION]).toBeUndefined();
    expect(spans[3]?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('a send made by a handler is a child of the call’s span', () => {
    const receive = serverSpans()[1]!;
    const send = telemetry.spans.getFinishedSpans().find((span) => span.name === 'engage.send status.mark_as_read');
    expect(send?.spanContext().traceId).toBe(receive.spanContext().traceId);
    expect(send?.parentSpanContext?.spanId).toBe(receive.spanContext().spanId);
  });

  it('metrics count calls by action and outcome, refusals by error type', async () => {
    const metrics = await telemetry.collectMetrics();
    const calls = metrics.find((metric: MetricData) => metric.descriptor.name === ReceiveMetricNames.CALLS);
    const points = (calls?.dataPoints ?? []) as DataPoint<number>[];
    const count = (attributes: Record<string, string>) =>
      points.filter((point) => Object.entries(attributes).every(([key, value]) => point.attributes[key] === value)).reduce((sum, point) => sum + point.value, 0);
    expect(count({ 'engage.action': 'messages.create', 'engage.outcome': 'success' })).toBe(1);
    expect(count({ 'engage.action': 'messages.create', 'engage.outcome': 'content_error' })).toBe(1);
    expect(count({ 'engage.outcome': 'refused', 'error.type': 'invalid_signature' })).toBe(2);
    expect(count({ 'engage.outcome': 'refused' })).toBe(6);
    expect(metrics.find((metric) => metric.descriptor.name === ReceiveMetricNames.DURATION)?.dataPoints.length).toBeGreaterThan(0);
  });

  it('one log line per refusal, naming what was wrong', () => {
    const refusals = logger.lines.filter((line) => line.includes('refused a call'));
    expect(refusals).toHaveLength(6);
    expect(refusals[0]).toMatch(/^warn refused a call to \/engage: invalid signature \(header, \d+ bytes\)/);
    expect(refusals[1]).toMatch(/invalid signature \(missing, \d+ bytes\)/);
  });

  it('the token, the signatures (of calls and of answers) and the bodies appear nowhere', async () => {
    expect(requestSignatures.length).toBeGreaterThan(5);
    expect(answerSignatures.length).toBeGreaterThan(2);
    const haystacks = [
      ...logger.lines,
      JSON.stringify(telemetry.spans.getFinishedSpans().map((s) => ({ n: s.name, a: s.attributes, s: s.status, e: s.events }))),
      JSON.stringify(await telemetry.collectMetrics()),
      inspect(app.get(Handlers), { depth: 4 }),
    ];
    for (const secret of [SOURCE.accessToken, BODY, ...requestSignatures, ...answerSignatures]) {
      for (const text of haystacks) expect(text).not.toContain(secret);
    }
  });
});
