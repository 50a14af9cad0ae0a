import { Agent } from 'node:http';

import { afterEach, describe, expect, it } from '@jest/globals';

import { randomFaults, seededRandom, type EmulatorFault } from '../../src/testing/index.js';
import { EmulatorPool, envelope, post, SOURCE, VALID_PARAMS } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

const VALID = envelope('messages.create', VALID_PARAMS['messages.create']!);

describe('EngageEmulator fault injection', () => {
  it('answers a status fault with its headers and default body, without recording it as accepted or refused', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ status: 503, headers: { 'retry-after': '1' } });
    const faulted = await post(baseUrl, VALID);
    expect([faulted.status, faulted.body, faulted.headers['retry-after']]).toEqual([503, 'Service Unavailable', '1']);
    expect(emulator.requests).toEqual([]);
    expect(emulator.refused).toEqual([]);
    expect(emulator.log[0]).toEqual({ method: 'POST', path: `/realtime/sdk/${SOURCE.id}`, status: 503, fault: { status: 503, headers: { 'retry-after': '1' } } });

    const next = await post(baseUrl, VALID);
    expect([next.status, next.body]).toEqual([200, 'ok']);
    expect(emulator.requests).toHaveLength(1);
  });

  it('uses a custom body and applies a fault even to requests that would be refused', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ status: 500, body: 'boom' });
    const answer = await post(baseUrl, 'not json', { signature: 'bad' });
    expect([answer.status, answer.body]).toEqual([500, 'boom']);
    expect(emulator.refused).toEqual([]);
  });

  it('applies a fault to the next `count` requests, then queued faults in order', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ status: 502 }, 2);
    emulator.injectFaults({ status: 429, headers: { 'retry-after': '0' } });
    expect(emulator.pendingFaults).toBe(3);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(baseUrl, VALID)).status);
    expect(statuses).toEqual([502, 502, 429, 200]);
    expect(emulator.pendingFaults).toBe(0);
  });

  it('delays before normal processing with delayMs alone', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ delayMs: 200 });
    const startedAt = performance.now();
    const answer = await post(baseUrl, VALID);
    const elapsed = performance.now() - startedAt;
    expect([answer.status, answer.body]).toEqual([200, 'ok']);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(emulator.requests).toHaveLength(1);
  });

  it('delays, then answers the status, with delayMs and status', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ delayMs: 150, status: 504 });
    const startedAt = performance.now();
    const answer = await post(baseUrl, VALID);
    expect(answer.status).toBe(504);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
    expect(emulator.requests).toEqual([]);
  });

  it("'before-read' drop: the client sees a socket error and nothing is stored", async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ drop: 'before-read' });
    await expect(post(baseUrl, VALID)).rejects.toThrow();
    expect(emulator.requests).toEqual([]);
    expect(emulator.refused).toEqual([]);
    expect(emulator.received).toBe(1);
    expect(emulator.log[0]?.status).toBeUndefined();
    expect((await post(baseUrl, VALID)).status).toBe(200);
  });

  it("'after-read' drop: the request is stored while the client sees a socket error (answer lost in transit)", async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ drop: 'after-read' });
    await expect(post(baseUrl, VALID)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]?.params['id']).toBe('m1');
    expect(emulator.log[0]?.status).toBeUndefined();
  });

  it("'after-read' drop also fails over fetch", async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ drop: 'after-read' });
    const { signBody } = await import('../../src/testing/index.js');
    const sending = fetch(`${baseUrl}/realtime/sdk/${SOURCE.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-smccsdk-signature': signBody(VALID, SOURCE.accessToken) },
      body: VALID,
    });
    await expect(sending).rejects.toThrow('fetch failed');
    expect(emulator.requests).toHaveLength(1);
  });

  it("'after-read' drop of an invalid request records the refusal but sends nothing", async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ drop: 'after-read' });
    await expect(post(baseUrl, VALID, { signature: 'bad' })).rejects.toThrow();
    expect(emulator.requests).toEqual([]);
    expect(emulator.refused).toEqual([{ sourceId: SOURCE.id, status: 422, message: 'Invalid signature' }]);
  });

  it('asks a picker with the Send API request index once counted faults run out', async () => {
    const { emulator, baseUrl } = await pool.start();
    const seen: number[] = [];
    emulator.injectFaults({ status: 500 });
    emulator.injectFaults((index) => {
      seen.push(index);
      return index % 2 === 0 ? { status: 503 } : undefined;
    });
    await post(baseUrl, VALID, { path: '/not-the-api' }); // 404s never consume faults nor indexes
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(baseUrl, VALID)).status);
    expect(statuses).toEqual([500, 200, 503, 200, 503]);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('clearFaults() and reset() remove counted faults and the picker', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults({ status: 500 }, 3);
    emulator.clearFaults();
    expect((await post(baseUrl, VALID)).status).toBe(200);
    emulator.injectFaults(() => ({ status: 500 }));
    emulator.reset();
    expect((await post(baseUrl, VALID)).status).toBe(200);
  });

  it('rejects faults that cannot be applied', async () => {
    const { emulator } = await pool.start();
    const invalid: EmulatorFault[] = [{}, { status: 99 }, { status: 600 }, { delayMs: -1 }, { drop: 'sometimes' as 'after-read' }];
    for (const fault of invalid) expect(() => emulator.injectFaults(fault)).toThrow(RangeError);
    expect(() => emulator.injectFaults({ status: 500 }, -1)).toThrow(RangeError);
    expect(() => emulator.injectFaults({ status: 500 }, 1.5)).toThrow(RangeError);
  });

  it('keeps a keep-alive connection usable after a status fault (the body was read)', async () => {
    const { emulator, baseUrl } = await pool.start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      emulator.injectFaults({ status: 503 });
      const first = await post(baseUrl, VALID, { agent });
      const second = await post(baseUrl, VALID, { agent });
      expect([first.status, second.status]).toEqual([503, 200]);
    } finally {
      agent.destroy();
    }
  });

  it('injects random faults at a given rate, through HTTP', async () => {
    const { emulator, baseUrl } = await pool.start();
    emulator.injectFaults(randomFaults([{ fault: { status: 503 }, rate: 0.5 }], seededRandom(7)));
    const statuses = await Promise.all(Array.from({ length: 200 }, () => post(baseUrl, VALID).then((answer) => answer.status)));
    const faulted = statuses.filter((status) => status === 503).length;
    expect(faulted).toBeGreaterThan(60);
    expect(faulted).toBeLessThan(140);
    expect(emulator.requests).toHaveLength(200 - faulted);
  });
});

describe('randomFaults / seededRandom', () => {
  it('picks faults in proportion to their rates, reproducibly for a seed', () => {
    const a: EmulatorFault = { status: 503 };
    const b: EmulatorFault = { drop: 'after-read' };
    const run = () => {
      const picker = randomFaults([{ fault: a, rate: 0.1 }, { fault: b, rate: 0.05 }], seededRandom(42));
      return Array.from({ length: 10_000 }, (_, index) => picker(index));
    };
    const picks = run();
    const countA = picks.filter((fault) => fault === a).length;
    const countB = picks.filter((fault) => fault === b).length;
    expect(countA).toBeGreaterThan(850);
    expect(countA).toBeLessThan(1_150);
    expect(countB).toBeGreaterThan(380);
    expect(countB).toBeLessThan(620);
    expect(run()).toEqual(picks);
  });

  it('never faults at rate 0 and always at rate 1', () => {
    const never = randomFaults([{ fault: { status: 500 }, rate: 0 }]);
    const always = randomFaults([{ fault: { status: 500 }, rate: 1 }]);
    for (let i = 0; i < 100; i++) {
      expect(never(i)).toBeUndefined();
      expect(always(i)).toEqual({ status: 500 });
    }
  });

  it('rejects rates outside [0, 1] or adding up to more than 1', () => {
    expect(() => randomFaults([{ fault: { status: 500 }, rate: 1.5 }])).toThrow(RangeError);
    expect(() => randomFaults([{ fault: { status: 500 }, rate: -0.1 }])).toThrow(RangeError);
    expect(() => randomFaults([{ fault: { status: 500 }, rate: 0.6 }, { fault: { status: 503 }, rate: 0.6 }])).toThrow(RangeError);
  });

  it('seededRandom yields numbers in [0, 1) that differ by seed', () => {
    const values = Array.from({ length: 1_000 }, seededRandom(1));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });
});
