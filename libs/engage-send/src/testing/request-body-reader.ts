import type { IncomingMessage, ServerResponse } from 'node:http';

/** How reading a request body ended. */
export type BodyReadResult =
  | { readonly kind: 'complete'; readonly body: Buffer }
  /** Over the limit (announced or counted): nothing more is buffered, the rest is being discarded. */
  | { readonly kind: 'too-large' }
  /** The client went away (or the emulator stopped) before the body ended. */
  | { readonly kind: 'aborted' };

/** Limits for {@link readRequestBody}. */
export interface BodyReadLimits {
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
  /**
   * After a too-large verdict the rest of the body is read and thrown away, so
   * the client can finish sending and read the answer on a reusable
   * connection; past this many discarded bytes the socket is destroyed
   * instead, so an endless upload cannot hold the emulator.
   */
  readonly maxDiscardBytes: number;
  /** The request carried `Expect: 100-continue` and is waiting for an interim `100 Continue`. */
  readonly expectsContinue: boolean;
}

/**
 * Reads `req`'s body, counting bytes as they stream in and never buffering
 * more than `maxBytes`. Resolves `too-large` as soon as the announced
 * `Content-Length` or the bytes counted so far exceed the limit, so the
 * caller can answer 413 at once.
 */
export function readRequestBody(req: IncomingMessage, res: ServerResponse, limits: BodyReadLimits): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: BodyReadResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.once('error', () => settle({ kind: 'aborted' }));
    // 'close' also follows a normal 'end'; settle() ignores it then.
    req.once('close', () => settle({ kind: 'aborted' }));

    const discardRest = (alreadyDiscarded: number): void => discardRequestBody(req, limits.maxDiscardBytes, alreadyDiscarded);

    const announced = Number(req.headers['content-length']);
    if (announced > limits.maxBytes) {
      // With Expect: 100-continue the client has not sent the body and will not once it sees
      // a final answer; Node closes that connection after the answer, so there is nothing to drain.
      if (!limits.expectsContinue) discardRest(0);
      settle({ kind: 'too-large' });
      return;
    }

    if (limits.expectsContinue) res.writeContinue();
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limits.maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      discardRest(size - limits.maxBytes);
      settle({ kind: 'too-large' });
    };
    const onEnd = (): void => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      // A keep-alive socket holds on to its last request, and so to these listeners: let go of the body.
      chunks.length = 0;
      settle({ kind: 'complete', body });
    };
    req.on('data', onData);
    req.on('end', onEnd);
  });
}

/**
 * Reads and throws away the rest of `req`'s body, so the client can finish
 * sending and read an answer given early on a reusable connection; past
 * `maxDiscardBytes` the socket is destroyed instead. Call it before
 * answering: a body nobody reads is drained by Node for as long as the client
 * sends (the server's `requestTimeout` is then the only bound).
 */
export function discardRequestBody(req: IncomingMessage, maxDiscardBytes: number, alreadyDiscarded = 0): void {
  let discarded = alreadyDiscarded;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxDiscardBytes) req.socket.destroy();
  });
}
