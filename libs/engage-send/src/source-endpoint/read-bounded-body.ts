import type { Readable } from 'node:stream';

/** How reading a call's body ended. */
export type BodyRead =
  | { readonly kind: 'complete'; readonly body: Buffer }
  /** Over the limit, announced or counted: nothing more is buffered. */
  | { readonly kind: 'too-large'; readonly announced: boolean }
  /** The client went away before the body ended. */
  | { readonly kind: 'aborted' }
  /** Something read the body before the endpoint (a body parser mounted in front of it). */
  | { readonly kind: 'consumed' };

const EMPTY = Buffer.alloc(0);

/**
 * Reads `stream` (the request, or what the platform hands over for it) into
 * one buffer, never holding more than `maxBytes`: an announced
 * `Content-Length` over the limit is refused before a byte is read, and a
 * body that grows past it is dropped as soon as it does.
 */
export function readBoundedBody(stream: Readable, contentLength: string | undefined, maxBytes: number): Promise<BodyRead> {
  const announced = contentLength === undefined ? undefined : Number(contentLength);
  if (announced !== undefined && announced > maxBytes) return Promise.resolve({ kind: 'too-large', announced: true });
  if (stream.readableEnded) {
    return Promise.resolve(announced !== undefined && announced > 0 ? { kind: 'consumed' } : { kind: 'complete', body: EMPTY });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onAbort);
      stream.off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        // Stop the flow: the answer closes the connection, the rest is never read.
        stream.pause();
        finish({ kind: 'too-large', announced: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: 'complete', body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    // 'close' also follows a normal 'end', which has resolved already by then.
    const onAbort = (): void => finish({ kind: 'aborted' });
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onAbort);
    stream.on('close', onAbort);
  });
}
