import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';

import { EngageEmulator, signBody, type EngageEmulatorOptions, type EmulatorSource } from '../../src/testing/index.js';

/** The source most tests use. */
export const SOURCE: EmulatorSource = { id: 'src-1', accessToken: 'token-1' };

/** An answer as a test sees it. */
export interface Answer {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

/** Options of {@link post}. */
export interface PostOptions {
  /** Signature header value; default: the correct signature under `token`. `null` sends no header. */
  signature?: string | null;
  /** Token to sign with; default {@link SOURCE}'s. */
  token?: string;
  /** Source id in the URL; default {@link SOURCE}'s. */
  sourceId?: string;
  /** Raw path instead of `/realtime/sdk/<sourceId>`. */
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  /** Agent to use; `false` for a fresh connection. Default: Node's global agent. */
  agent?: Agent | false;
}

/**
 * Sends a hand-crafted request with node:http (exact bytes, exact headers, no
 * client library in between) and resolves with the answer; rejects on socket
 * errors, which the drop-fault tests rely on.
 */
export function post(baseUrl: string, body: string | Buffer, options: PostOptions = {}): Promise<Answer> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const sourceId = options.sourceId ?? SOURCE.id;
  const signature = options.signature === undefined ? signBody(bytes, options.token ?? SOURCE.accessToken) : options.signature;
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': bytes.length, ...options.headers };
  if (signature !== null) headers['x-smccsdk-signature'] = signature;
  const url = new URL(options.path ?? `/realtime/sdk/${encodeURIComponent(sourceId)}`, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** A JSON body for `action` with `params`. */
export function envelope(action: string, params: Record<string, unknown>): string {
  return JSON.stringify({ action, params });
}

/** An embedded author as the spec's examples send it. */
export const AUTHOR = { id: '666', screenname: 'John Doe', created_at: '06/11/2017' };

/** Minimal valid params per action (on a source with every option). */
export const VALID_PARAMS: Record<string, Record<string, unknown>> = {
  'messages.create': { id: 'm1', thread_id: 't1', author: AUTHOR, body: 'hello' },
  'private_messages.create': { id: 'pm1', author: AUTHOR, recipient: { id: '777', screenname: 'Agent' }, body: 'hi' },
  'threads.create': { id: 't1', author: AUTHOR, body: 'first post' },
  'users.create': { id: 'u1', screenname: 'Jane', created_at: '2012-02-10', updated_at: '2012-10-01T17:18:40Z' },
  'status.mark_as_read': { id: 'm1' },
  'typing.start': { thread_id: 't1', preview: 'Hel' },
  'typing.stop': { thread_id: 't1' },
};

/** Starts emulators and stops them all after each test. */
export class EmulatorPool {
  private readonly started: EngageEmulator[] = [];

  /** A started emulator with `options` (default: one {@link SOURCE}). */
  async start(options: Partial<EngageEmulatorOptions> = {}): Promise<{ emulator: EngageEmulator; baseUrl: string }> {
    const emulator = new EngageEmulator({ sources: [SOURCE], ...options });
    this.started.push(emulator);
    const baseUrl = await emulator.start();
    return { emulator, baseUrl };
  }

  /** Stops every emulator started by this pool. */
  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((emulator) => emulator.stop()));
  }
}

/**
 * A valid, signed-able `messages.create` body of exactly `size` bytes: the
 * text body pads it (ASCII, so bytes = characters).
 */
export function messageOfSize(size: number, id = 'big'): Buffer {
  const head = `{"action":"messages.create","params":{"id":"${id}","thread_id":"42","author":${JSON.stringify(AUTHOR)},"body":"`;
  const tail = '"}}';
  const body = Buffer.alloc(size, 'a');
  body.write(head, 0, 'utf8');
  body.write(tail, size - tail.length, 'utf8');
  return body;
}

/** Runs `count` calls of `task(i)`, at most `concurrency` at once; resolves when all are done. */
export async function runConcurrently(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
