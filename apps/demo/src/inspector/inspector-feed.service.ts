import { Injectable } from '@nestjs/common';
import { BoundedRing } from './bounded-ring.js';
import type { InspectorEntry, NewEntry } from './inspector-entry.js';

/** Entries kept for the page (sent and received together): a few screens' worth, a few hundred KB at most. */
export const INSPECTOR_CAPACITY = 200;

/** Called with each new entry. */
export type EntryListener = (entry: InspectorEntry) => void;

/**
 * What the inspector page shows: the last {@link INSPECTOR_CAPACITY} entries
 * (what the demo sent, what the embedded emulator received), numbered, and
 * pushed to the pages listening. Bounded whatever the traffic: the ring drops
 * the oldest, and each entry is a handful of clipped strings.
 */
@Injectable()
export class InspectorFeed {
  private readonly ring = new BoundedRing<InspectorEntry>(INSPECTOR_CAPACITY);
  private readonly listeners = new Set<EntryListener>();
  private seq = 0;

  /** The entries kept, oldest first; `after` keeps only those numbered above it (an event stream's `Last-Event-ID`). */
  entries(after = 0): InspectorEntry[] {
    return this.ring.toArray().filter((entry) => entry.seq > after);
  }

  record(entry: NewEntry): InspectorEntry {
    const numbered = { ...entry, seq: ++this.seq } as InspectorEntry;
    this.ring.push(numbered);
    for (const listener of this.listeners) listener(numbered);
    return numbered;
  }

  /** Calls `listener` with each new entry until the returned function is called. */
  subscribe(listener: EntryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pages listening now. */
  get listenerCount(): number {
    return this.listeners.size;
  }
}
