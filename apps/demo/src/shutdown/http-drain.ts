import { setMaxListeners } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** How {@link HttpDrain} ends the server's connections. */
export interface HttpDrainOptions {
  /**
   * Once draining, a connection with no request in flight is closed when it
   * has been idle this long, in ms. Long enough for a request already on the
   * wire to arrive (and be answered) rather than meet a reset. Default 500.
   */
  readonly idleGraceMs?: number;
  /** Longest wait for connections with requests in flight, in ms; then `drain()` returns. Default 10 000. */
  readonly timeoutMs?: number;
}

/** A connection: requests in flight on it, and since when it has had none. */
interface ConnectionState {
  inFlight: number;
  idleSince: number;
}

const SWEEP_INTERVAL_MS = 25;

/**
 * Graceful end of an HTTP server under keep-alive load: stop accepting, answer
 * every request already read (each with `Connection: close`, so its client
 * does not send another on that connection), then close the connections left
 * idle. `http.Server#close()` alone closes idle keep-alive connections at
 * once, and a request a client has just written on one meets a TCP reset.
 */
export class HttpDrain {
  private readonly connections = new Map<Socket, ConnectionState>();
  private readonly responses = new Set<ServerResponse>();
  private readonly started = new AbortController();
  private draining: Promise<void> | undefined;
  private readonly idleGraceMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly server: Server,
    options: HttpDrainOptions = {},
  ) {
    this.idleGraceMs = options.idleGraceMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // Every open event stream listens on it (the inspector caps them itself): no leak warning past ten.
    setMaxListeners(0, this.started.signal);
    server.on('connection', (socket: Socket) => this.track(socket));
    // Before the app's own listener, so a response refused synchronously is still seen unsent.
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => this.onRequest(res));
  }

  /** Aborted when draining starts: long-lived responses (event streams) end on it. */
  get signal(): AbortSignal {
    return this.started.signal;
  }

  /** Connections currently open. */
  get openConnections(): number {
    return this.connections.size;
  }

  /**
   * Drains the server; resolves once every connection is closed, or after
   * `timeoutMs` with requests still in flight (left to whoever closes the
   * server next). Idempotent.
   */
  drain(): Promise<void> {
    this.draining ??= this.run();
    return this.draining;
  }

  private track(socket: Socket): void {
    // A connection accepted while draining is served like the others (its answers say close).
    this.connections.set(socket, { inFlight: 0, idleSince: performance.now() });
    socket.once('close', () => this.connections.delete(socket));
  }

  private onRequest(res: ServerResponse): void {
    const state = this.connections.get(res.socket as Socket);
    if (this.started.signal.aborted) res.setHeader('connection', 'close');
    this.responses.add(res);
    if (state) state.inFlight += 1;
    let done = false;
    const finished = (): void => {
      if (done) return;
      done = true;
      this.responses.delete(res);
      if (state) {
        state.inFlight -= 1;
        state.idleSince = performance.now();
      }
    };
    res.once('finish', finished);
    res.once('close', finished);
  }

  private async run(): Promise<void> {
    this.started.abort();
    // net.Server#close: stops accepting and keeps the open connections (http.Server#close would cut the idle ones now).
    if (this.server.listening) NetServer.prototype.close.call(this.server);
    for (const res of this.responses) {
      if (!res.headersSent) res.setHeader('connection', 'close');
    }
    const deadline = performance.now() + this.timeoutMs;
    while (this.connections.size > 0 && performance.now() < deadline) {
      this.closeIdle(this.idleGraceMs);
      await new Promise((resolve) => setTimeout(resolve, SWEEP_INTERVAL_MS));
    }
    this.closeIdle(0);
  }

  /** Closes the connections idle for at least `graceMs`. */
  private closeIdle(graceMs: number): void {
    const now = performance.now();
    for (const [socket, state] of this.connections) {
      if (state.inFlight === 0 && now - state.idleSince >= graceMs) socket.destroy();
    }
  }
}
