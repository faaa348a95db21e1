/**
 * A bounded map that forgets the least recently used entry first. Every in-memory cache of the
 * channel adapters is one of these, so a long-running bot's memory stays flat.
 */
export class LruMap<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, refreshed as most recently used; undefined when absent. */
  get(key: Key): Value | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as Value;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  has(key: Key): boolean {
    return this.entries.has(key);
  }

  set(key: Key, value: Value): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as Key;
      this.entries.delete(oldest);
    }
    return this;
  }

  /** The keys, least recently used first (reading them refreshes nothing). */
  keys(): Key[] {
    return [...this.entries.keys()];
  }

  delete(key: Key): boolean {
    return this.entries.delete(key);
  }
}
