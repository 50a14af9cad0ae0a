import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a real server (the emulator) that counts the
 * connections clients open through it: how many in total, and how many at
 * once. The bytes pass untouched; HTTP is the emulator's business.
 */
export class TcpObserver {
  /** Connections accepted so far. */
  opened = 0;
  /** Most connections open at the same time (among those opened since the last reset). */
  maxOpen = 0;
  private open = 0;
  /** Counts restart at each reset: connections from before it are not counted when they close. */
  private epoch = 0;
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  constructor(private readonly upstream: URL) {}

  /** Listens on a free loopback port; resolves with the base URL to give the client. */
  async start(): Promise<string> {
    const server = createServer((client) => {
      const epoch = this.epoch;
      this.opened++;
      this.open++;
      this.maxOpen = Math.max(this.maxOpen, this.open);
      const upstream = connect(Number(this.upstream.port), this.upstream.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => this.sockets.delete(socket));
      }
      client.once('close', () => {
        if (epoch === this.epoch) this.open--;
        upstream.destroy();
      });
      upstream.once('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Forgets the counts (open connections stay open, but are no longer counted). */
  reset(): void {
    this.epoch++;
    this.opened = 0;
    this.open = 0;
    this.maxOpen = 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
