import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import type { EngageEmulator } from 'engage-send/testing';
import type { DemoConfig } from '../demo-config.js';
import { HttpDrainService } from '../shutdown/http-drain.service.js';
import { INSPECTED_EMULATOR } from './emulator-watch.service.js';
import type { InspectorEntry } from './inspector-entry.js';
import { InspectorFeed } from './inspector-feed.service.js';

/** Pages listening at once; more are told to come back later (each holds a connection). */
export const MAX_EVENT_STREAMS = 32;
/** Bytes a stream may have waiting for a slow page before it is cut (the page reconnects and catches up from Last-Event-ID). */
const MAX_BUFFERED_BYTES = 256 * 1024;

/** What the page shows about where sends go. */
export interface InspectorTarget {
  readonly engage: 'embedded-emulator' | 'engage';
  readonly baseUrl: string;
}

/** `GET /inspector/entries`: the target and the entries kept. */
export interface InspectorSnapshot {
  readonly target: InspectorTarget;
  readonly entries: readonly InspectorEntry[];
}

function event(name: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The inspector page's data: a snapshot, and a server-sent event stream of
 * new entries. The stream is written by hand rather than with `@Sse()`: a
 * page that reads slowly is cut off at {@link MAX_BUFFERED_BYTES} instead of
 * having its events queue up in memory.
 */
@ApiTags('Inspector')
@Controller('inspector')
export class InspectorController {
  private streams = 0;

  constructor(
    private readonly feed: InspectorFeed,
    private readonly drain: HttpDrainService,
    private readonly config: ConfigService<DemoConfig, true>,
    @Inject(INSPECTED_EMULATOR) private readonly emulator: EngageEmulator | null,
  ) {}

  private get target(): InspectorTarget {
    return { engage: this.emulator === null ? 'engage' : 'embedded-emulator', baseUrl: this.config.get('engage.baseUrl', { infer: true }) };
  }

  @Get('entries')
  @ApiOperation({ summary: 'The entries kept (last 200): what the demo sent and what the embedded emulator received' })
  entries(): InspectorSnapshot {
    return { target: this.target, entries: this.feed.entries() };
  }

  /** `GET /inspector/events`: `hello` (the target), then one `entry` event per entry, replayed after `Last-Event-ID`. */
  @Get('events')
  @ApiOperation({ summary: 'Server-sent events: hello (the target), then one entry event per send or receipt; Last-Event-ID replays what is kept' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream' })
  @ApiServiceUnavailableResponse({ description: 'Too many pages listening, or the demo is shutting down (Retry-After)' })
  events(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    if (this.drain.signal.aborted || this.streams >= MAX_EVENT_STREAMS) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5', connection: 'close' });
      res.end(this.drain.signal.aborted ? 'The demo is shutting down' : `Too many inspector pages open (${MAX_EVENT_STREAMS})`);
      return;
    }
    this.streams += 1;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    const lastId = Number(req.headers['last-event-id']);
    res.write(`retry: 2000\n\n${event('hello', this.target)}`);

    let unsubscribe = (): void => {};
    const send = (entry: InspectorEntry): void => {
      if (res.destroyed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        // Not end(): that would keep the connection, and the buffer, until the page reads it all.
        unsubscribe();
        res.destroy();
        return;
      }
      res.write(event('entry', entry, entry.seq));
    };
    for (const entry of this.feed.entries(Number.isSafeInteger(lastId) ? lastId : 0)) send(entry);
    unsubscribe = this.feed.subscribe(send);
    const end = (): void => {
      if (!res.writableEnded && !res.destroyed) res.end();
    };
    // Draining: the stream would otherwise hold its connection open to the end.
    this.drain.signal.addEventListener('abort', end, { once: true });
    res.once('close', () => {
      this.streams -= 1;
      unsubscribe();
      this.drain.signal.removeEventListener('abort', end);
    });
  }
}
