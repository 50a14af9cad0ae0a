/**
 * Appends records to an array the caller can read (and keeps reading: the
 * array itself is never replaced), dropping the oldest ones beyond a count
 * and a byte budget. The byte budget never drops the newest record, whatever
 * its size, so the last request is there to inspect. Counts every record ever added.
 */
export class BoundedRecordList<T extends object> {
  private readonly sizes = new WeakMap<T, number>();
  private bytes = 0;
  private added = 0;

  /**
   * @param items the array to append to (the emulator's public `requests`, `refused` or `log`)
   * @param maxEntries most records kept
   * @param maxBytes most bytes kept, as given to `push`
   */
  constructor(
    readonly items: T[],
    private readonly maxEntries: number,
    private readonly maxBytes = Infinity,
  ) {}

  /** Records added since creation or the last `clear()`, dropped ones included. */
  get total(): number {
    return this.added;
  }

  /** Appends `item`, accounted as `bytes`, then drops the oldest records over the limits. */
  push(item: T, bytes = 0): void {
    this.added += 1;
    this.items.push(item);
    if (bytes > 0) this.sizes.set(item, bytes);
    this.bytes += bytes;
    let drop = 0;
    const excess = this.items.length - this.maxEntries;
    while (drop < this.items.length && (drop < excess || (this.bytes > this.maxBytes && drop < this.items.length - 1))) {
      this.bytes -= this.sizes.get(this.items[drop] as T) ?? 0;
      drop += 1;
    }
    if (drop > 0) this.items.splice(0, drop);
    // A caller that emptied the array itself leaves nothing to account for.
    if (this.items.length === 0) this.bytes = 0;
  }

  /** Empties the array (in place) and restarts the count. */
  clear(): void {
    this.items.length = 0;
    this.bytes = 0;
    this.added = 0;
  }
}
