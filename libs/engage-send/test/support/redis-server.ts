import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';
const START_TIMEOUT_MS = 10_000;

/** Throws, saying how to install it, when `redis-server` cannot be run: these tests need a real Redis and never skip. */
export function assertRedisServerInstalled(): void {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `"${BINARY}" could not be run (${probe.error?.message ?? `exit ${String(probe.status)}`}). ` +
        'The outbox tests need a real Redis: install it (Debian: apt-get install -y redis-server; macOS: brew install redis), ' +
        'or point REDIS_SERVER at the binary. .ci/run installs it.',
    );
  }
}

/** A free TCP port on loopback (the kernel's pick; Redis cannot listen on port 0 itself). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once the server answers PING, rejects after `timeoutMs`. */
async function waitForPong(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.setTimeout(500, () => socket.destroy());
      socket.once('error', () => resolve(false));
      socket.once('close', () => resolve(false));
      socket.once('data', (data) => {
        resolve(data.toString().startsWith('+PONG'));
        socket.destroy();
      });
      socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    });
    if (pong) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A private `redis-server` for one test file: loopback only, a free port, no
 * persistence, its own temporary directory. `stop()` kills it and removes the
 * directory, so nothing is left running or written.
 */
export class RedisServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  /** `redis://127.0.0.1:<port>` */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    assertRedisServerInstalled();
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), 'engage-redis-'));
      const child = spawn(
        BINARY,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      try {
        await waitForPong(port, child, START_TIMEOUT_MS);
        return new RedisServer(port, child, dir);
      } catch (error) {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        // Another process may have taken the port between the probe and the start: try another.
        if (attempt >= 5) throw new Error(`could not start redis-server: ${(error as Error).message}\n${stderr}`, { cause: error });
      }
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
