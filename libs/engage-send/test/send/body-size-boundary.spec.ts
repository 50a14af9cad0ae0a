import { expect, it } from '@jest/globals';
import { EngagePayloadTooLargeError, MAX_BODY_BYTES } from '../../src/index.js';
import { aMessage, sendFixture } from '../support/emulator.fixture.js';

const fixture = sendFixture({ timeoutMs: 60_000 });

/**
 * A message whose serialised body is exactly `bytes` UTF-8 bytes: a base64
 * attachment fills the space (the filename pads it to a multiple of 4).
 * A multi-byte character in the body makes bytes ≠ characters.
 */
function messageOfBytes(bytes: number): Record<string, unknown> {
  for (let pad = 0; pad < 4; pad++) {
    const shell = aMessage({ body: 'é ✓', attachments: [{ content: '', filename: `${'f'.repeat(pad + 1)}.bin` }] });
    const overhead = Buffer.byteLength(JSON.stringify({ action: 'messages.create', params: shell }));
    const contentLength = bytes - overhead;
    if (contentLength % 4 === 0) {
      return aMessage({ body: 'é ✓', attachments: [{ content: 'QUJD'.repeat(contentLength / 4), filename: `${'f'.repeat(pad + 1)}.bin` }] });
    }
  }
  throw new Error('unreachable: one of four paddings fits');
}

it('a body of exactly 20 971 520 bytes is sent and accepted', async () => {
  fixture.emulator.reset();
  const params = messageOfBytes(MAX_BODY_BYTES);
  await fixture.engage.messages.create(params as never);
  expect(fixture.emulator.requests).toHaveLength(1);
  expect(fixture.emulator.requests[0].bodyBytes).toBe(MAX_BODY_BYTES);
});

it('one byte more is refused locally with the payload-too-large error, nothing sent', async () => {
  fixture.emulator.reset();
  const exact = messageOfBytes(MAX_BODY_BYTES);
  // One extra ASCII character in the text body: exactly one byte over.
  const over = { ...exact, body: `${exact.body as string}!` };
  expect(Buffer.byteLength(JSON.stringify({ action: 'messages.create', params: over }))).toBe(MAX_BODY_BYTES + 1);
  const error = await fixture.engage.messages.create(over as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EngagePayloadTooLargeError);
  expect((error as EngagePayloadTooLargeError).bodyBytes).toBe(MAX_BODY_BYTES + 1);
  expect((error as EngagePayloadTooLargeError).attempts).toBe(0);
  expect(fixture.emulator.received).toBe(0);
});
