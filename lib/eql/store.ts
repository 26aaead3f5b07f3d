/** Where sequence state lives. The engine is pure; the caller owns the state and its bounds. */
export interface StateStore<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  delete(key: string): void;
  readonly size: number;
  /** Iterates over all entries (for expiry sweeps). */
  entries(): IterableIterator<[string, T]>;
}

/**
 * In-memory store with a cap: when full, the least recently written key is evicted and counted,
 * so memory stays bounded whatever the key cardinality.
 */
export class MemoryStateStore<T> implements StateStore<T> {
  private readonly map = new Map<string, T>();
  /** Keys dropped because the cap was reached. */
  evictions = 0;

  constructor(readonly capacity = 1_000_000) {}

  get(key: string): T | undefined {
    return this.map.get(key);
  }

  set(key: string, value: T): void {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
      this.evictions++;
    }
    this.map.set(key, value);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  entries(): IterableIterator<[string, T]> {
    return this.map.entries();
  }
}
