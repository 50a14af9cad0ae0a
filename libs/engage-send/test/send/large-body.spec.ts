import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { signBody } from '../../src/index.js';
import { HOLE, SlicedBody } from '../../src/body/sliced-body.js';
import { BODY_SLICE_UNITS, textSlices } from '../../src/body/text-slices.js';
import { aMessage, SOURCE, sendFixture } from '../support/emulator.fixture.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (slices: Iterable<string>) => Buffer.concat([...slices].map((slice) => Buffer.from(slice, 'utf8')));

/** A text whose slice boundaries each fall inside a surrogate pair (😀 is two units, four UTF-8 bytes). */
function textWithPairsOnBoundaries(slices: number): string {
  const unit = 'a'.repeat(BODY_SLICE_UNITS - 1);
  return Array.from({ length: slices }, () => `${unit}😀`).join('é');
}

describe('text slices', () => {
  it('never split a surrogate pair, and their UTF-8 bytes are the whole text’s', () => {
    const text = textWithPairsOnBoundaries(3);
    const slices = [...textSlices(text)];
    expect(slices.length).toBeGreaterThan(3);
    expect(slices.join('')).toBe(text);
    for (const slice of slices) {
      expect(slice.length).toBeLessThanOrEqual(BODY_SLICE_UNITS);
      const last = slice.charCodeAt(slice.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
    expect(utf8(slices).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('a long string, or the same text in pieces, is signed as its whole UTF-8 bytes', () => {
    const text = textWithPairsOnBoundaries(2);
    expect(text.length).toBeGreaterThan(BODY_SLICE_UNITS);
    const whole = signBody(Buffer.from(text, 'utf8'), SOURCE.accessToken);
    expect(signBody(text, SOURCE.accessToken)).toBe(whole);
    expect(signBody(textSlices(text), SOURCE.accessToken)).toBe(whole);
  });

  it('a lone surrogate is encoded as in one piece (U+FFFD), sliced or not', () => {
    const text = `${'b'.repeat(BODY_SLICE_UNITS - 1)}\ud83d${'c'.repeat(10)}\ude00`;
    expect(utf8(textSlices(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(signBody(text, 'k')).toBe(signBody(Buffer.from(text, 'utf8'), 'k'));
  });
});

/** Strings over one slice (at least one unit more) that JSON writes differently from their text: quotes, backslashes, controls, lone and paired surrogates, on and off the slice boundaries. */
const longString = fc
  .tuple(
    fc.constantFrom('QUJD', 'a', 'é', '😀', '"', '\\', '\n', '\u0001', '\ud800', '\udfff', '\u2028'),
    fc.integer({ min: BODY_SLICE_UNITS - 2, max: BODY_SLICE_UNITS + 3 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
  )
  .map(([unit, offset, tail]) => `${'x'.repeat(offset)}${unit.repeat(3)}${tail}`);

/** A JSON-able value with some long strings somewhere in it (objects, arrays, Dates, undefined members and numbers too). */
const withLongStrings = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    longString,
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.double(),
    fc.constantFrom(null, true, undefined, new Date(0)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
  ),
}));

describe('a sliced body', () => {
  it('is exactly JSON.stringify, in its text, its bytes and its byte count', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), withLongStrings.value, { maxKeys: 4 }), longString, (params, long) => {
        const value = { action: 'messages.create', params: { ...params, attachment: long } };
        const sliced = SlicedBody.of(value);
        expect(sliced).toBeDefined();
        const text = JSON.stringify(value);
        expect(sliced!.toString()).toBe(text);
        const bytes = utf8(sliced!.slices());
        expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
        expect(sliced!.bytes).toBe(bytes.length);
        for (const slice of sliced!.slices()) expect(slice.length).toBeLessThanOrEqual(6 * BODY_SLICE_UNITS);
      }),
      { numRuns: 100 },
    );
  });

  it('is not made for params without a long string (they are serialised whole)', () => {
    expect(SlicedBody.of({ action: 'messages.create', params: aMessage({ body: 'x'.repeat(BODY_SLICE_UNITS) }) })).toBeUndefined();
  });

  it('is not made when the params spell the hole marker: the body is serialised whole instead', () => {
    const value = { action: 'messages.create', params: aMessage({ note: HOLE, attachments: [{ content: 'QUJD'.repeat(BODY_SLICE_UNITS), filename: 'a.bin' }] }) };
    expect(SlicedBody.of(value)).toBeUndefined();
  });
});

/**
 * messages.create params whose serialised body is over one slice and has a
 * slice boundary inside a surrogate pair of the text body (placed after a
 * base64 attachment that fills most of the first slice).
 */
function paramsWithPairOnBoundary(): Record<string, unknown> {
  const { id, thread_id, author } = aMessage();
  for (let pad = 1; pad <= 2; pad++) {
    const params = { id, thread_id, author, attachments: [{ content: 'QUJD'.repeat(12_000), filename: `${'f'.repeat(pad)}.bin` }], body: '😀'.repeat(9_000) };
    const text = JSON.stringify({ action: 'messages.create', params });
    const unit = text.charCodeAt(BODY_SLICE_UNITS - 1);
    if (unit >= 0xd800 && unit <= 0xdbff) return params;
  }
  throw new Error('unreachable: one of two paddings puts a high surrogate last in the first slice');
}

/** messages.create params with an attachment over one slice: sent as a sliced body. */
function paramsWithLongAttachment(): Record<string, unknown> {
  return aMessage({ body: 'Ci-joint « le contrat » 📎', attachments: [{ content: 'QUJD'.repeat(3 * BODY_SLICE_UNITS), filename: 'contract.pdf' }] });
}

describe('a body sent in slices', () => {
  const fixture = sendFixture({ timeoutMs: 60_000, retry: { baseDelayMs: 5 } });

  it.each([
    ['a prepared body (one long string)', paramsWithPairOnBoundary],
    ['a send whose params hold a long string (a sliced body)', paramsWithLongAttachment],
  ])('%s arrives byte for byte as JSON.stringify writes it, with its length declared and its signature accepted', async (_, build) => {
    const params = build();
    const expected = Buffer.from(JSON.stringify({ action: 'messages.create', params }), 'utf8');
    if (build === paramsWithPairOnBoundary) {
      const prepared = fixture.engage.prepare('messages.create', params as never);
      expect([...textSlices(prepared.body)].map((slice) => slice.length)).toContain(BODY_SLICE_UNITS - 1);
      await fixture.engage.sendPrepared(prepared);
    } else {
      await fixture.engage.messages.create(params as never);
    }
    expect(fixture.emulator.log.map((entry) => entry.status)).toEqual([200]);
    const [request] = fixture.emulator.requests;
    expect(request?.bodyBytes).toBe(expected.length);
    expect(request?.bodySha256).toBe(sha256(expected));
    expect(request?.headers['content-length']).toBe(String(expected.length));
    expect(request?.headers['transfer-encoding']).toBeUndefined();
  });

  it('is sent again whole on a retry (each attempt walks the text afresh)', async () => {
    fixture.emulator.injectFaults({ status: 503 }, 1);
    const params = paramsWithLongAttachment();
    const result = await fixture.engage.messages.create(params as never);
    expect(result.attempts).toBe(2);
    expect(fixture.emulator.log.map((entry) => entry.status)).toEqual([503, 200]);
    const [accepted] = fixture.emulator.requests;
    expect(accepted?.bodySha256).toBe(sha256(Buffer.from(JSON.stringify({ action: 'messages.create', params }), 'utf8')));
  });

  it('prepare() gives the same text as one string', () => {
    const params = paramsWithLongAttachment();
    expect(fixture.engage.prepare('messages.create', params as never).body).toBe(JSON.stringify({ action: 'messages.create', params }));
  });
});
