/**
 * A Map that forgets its oldest entries beyond `capacity` (setting a key
 * again makes it the newest): state keyed by what clients send never grows
 * with traffic. Used by the client's typing threads and the emulator's state.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    super.set(key, value);
    if (this.size > this.capacity) this.delete(this.keys().next().value as K);
    return this;
  }
}
