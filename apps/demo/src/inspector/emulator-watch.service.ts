import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ENGAGE_REFUSALS, type EngageEmulator, type RecordedRequest, type RefusedRequest } from 'engage-send/testing';
import { clip, idsOf } from './inspector-entry.js';
import { InspectorFeed } from './inspector-feed.service.js';

/** The embedded emulator, or `null` when the demo sends to a real Engage. */
export const INSPECTED_EMULATOR = Symbol('INSPECTED_EMULATOR');

/** How often the emulator's records are looked at: live enough for a page, nothing for the CPU. */
const POLL_MS = 200;
/** Most new records taken per look: more than the feed keeps would be dropped anyway. */
const MAX_NEW_PER_POLL = 100;

/** Refusals that come before (or instead of) the signature check: it was never made. */
const UNCHECKED: ReadonlySet<string> = new Set([ENGAGE_REFUSALS.sourceNotFound.message, ENGAGE_REFUSALS.requestTooLarge.message]);

/**
 * Feeds the inspector with what the embedded emulator received, from its
 * public records (`requests`, `refused`). Only records not seen before are
 * taken, newest last; records are recognised by identity, so whatever the
 * emulator keeps (or drops) of its history, nothing is kept twice here.
 */
@Injectable()
export class EmulatorWatch implements OnModuleInit, OnModuleDestroy {
  private readonly seen = new WeakSet<object>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(INSPECTED_EMULATOR) private readonly emulator: EngageEmulator | null,
    private readonly feed: InspectorFeed,
  ) {}

  onModuleInit(): void {
    if (this.emulator === null) return;
    // What was received before the app started (nothing, usually) is not news.
    this.unseen(this.emulator.requests);
    this.unseen(this.emulator.refused);
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Takes the records received since the last look; exposed for tests, which need not wait for the timer. */
  poll(): void {
    if (this.emulator === null) return;
    const at = new Date().toISOString();
    for (const refused of this.unseen(this.emulator.refused)) this.feed.record(this.refusedEntry(refused, at));
    for (const accepted of this.unseen(this.emulator.requests)) this.feed.record(this.acceptedEntry(accepted, at));
  }

  /** The records of `list` not seen yet (newest last), now marked seen. */
  private unseen<T extends object>(list: readonly T[]): T[] {
    const fresh: T[] = [];
    for (let i = list.length - 1; i >= 0 && fresh.length < MAX_NEW_PER_POLL; i -= 1) {
      const record = list[i] as T;
      if (this.seen.has(record)) break;
      this.seen.add(record);
      fresh.push(record);
    }
    return fresh.reverse();
  }

  private acceptedEntry(record: RecordedRequest, at: string) {
    return { kind: 'received', at, action: record.action, ids: idsOf(record.params), signatureVerified: true, status: 200, answer: 'ok' } as const;
  }

  private refusedEntry(record: RefusedRequest, at: string) {
    const signatureVerified = UNCHECKED.has(record.message) ? null : record.message !== ENGAGE_REFUSALS.invalidSignature.message;
    return {
      kind: 'received',
      at,
      ...(record.action === undefined ? {} : { action: clip(record.action, 64) }),
      ids: {},
      signatureVerified,
      status: record.status,
      answer: clip(record.message),
    } as const;
  }
}
