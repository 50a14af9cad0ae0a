import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { HttpDrain } from './http-drain.js';

/**
 * The demo's HTTP drain, tied to Nest's shutdown: `onModuleDestroy` is the
 * first hook of `app.close()` (and so of SIGTERM with `enableShutdownHooks()`),
 * so requests already read are answered while the library still sends; only
 * then does `EngageSendService` stop accepting sends and the embedded
 * emulator stop.
 */
@Injectable()
export class HttpDrainService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Shutdown');
  private drain: HttpDrain | undefined;
  private readonly notStarted = new AbortController();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Aborted when draining starts: a long-lived response (the inspector's event stream) ends on it. */
  get signal(): AbortSignal {
    return this.drain?.signal ?? this.notStarted.signal;
  }

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) this.drain = new HttpDrain(server);
  }

  async onModuleDestroy(): Promise<void> {
    const drain = this.drain;
    if (drain === undefined) return;
    const open = drain.openConnections;
    const started = performance.now();
    await drain.drain();
    if (open > 0) {
      const left = drain.openConnections;
      this.logger.log(
        `Stopped accepting; drained ${open} connection(s) in ${Math.round(performance.now() - started)} ms` +
          (left > 0 ? ` (${left} still answering)` : ''),
      );
    }
  }
}
