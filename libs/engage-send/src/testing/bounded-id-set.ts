import { createHash } from 'node:crypto';

/** Ids longer than this are kept by their SHA-256, so each entry stays small whatever the client sent. */
const MAX_ID_CHARS = 64;

/**
 * A set of ids (e.g. a source's puppetizable users) that cannot grow with
 * traffic: past `maxSize` the oldest id added is forgotten first, and long
 * ids are kept as digests. Membership stays exact for the ids it holds.
 */
export class BoundedIdSet {
  private readonly ids = new Set<string>();

  /** @param maxSize most ids held. */
  constructor(private readonly maxSize: number) {}

  get size(): number {
    return this.ids.size;
  }

  add(id: string): this {
    const key = keyOf(id);
    // Re-adding refreshes the id's place: it becomes the newest.
    this.ids.delete(key);
    this.ids.add(key);
    if (this.ids.size > this.maxSize) this.ids.delete(this.ids.values().next().value as string);
    return this;
  }

  has(id: string): boolean {
    return this.ids.has(keyOf(id));
  }

  delete(id: string): boolean {
    return this.ids.delete(keyOf(id));
  }

  clear(): void {
    this.ids.clear();
  }
}

function keyOf(id: string): string {
  // The prefix keeps a digest from ever equalling a short id.
  return id.length <= MAX_ID_CHARS ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}
