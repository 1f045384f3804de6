/**
 * A size-bounded, least-recently-used map with a time to live. Bounded both by entry count and
 * by an estimate of bytes, so a flood of distinct keys (e.g. search terms) cannot grow memory.
 * Map iteration order is insertion order: re-inserting on read keeps the oldest entry first.
 */
export interface LruOptions {
  maxEntries: number;
  maxBytes: number;
  /** Entries older than this are treated as absent. 0 disables expiry. */
  ttlMs: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  bytes: number;
  expiresAt: number;
}

export class LruCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #options: Required<LruOptions>;
  #bytes = 0;

  constructor(options: LruOptions) {
    if (options.maxEntries < 1 || options.maxBytes < 1) throw new Error('An LRU cache needs room for at least one entry');
    this.#options = { now: Date.now, ...options };
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#options.now()) {
      this.delete(key);
      return undefined;
    }
    // Most recently used goes last.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores the value; one larger than the whole budget is not stored at all. Returns whether it was. */
  set(key: string, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.#options.maxBytes) return false;
    const ttl = this.#options.ttlMs;
    this.#entries.set(key, { value, bytes, expiresAt: ttl > 0 ? this.#options.now() + ttl : Number.POSITIVE_INFINITY });
    this.#bytes += bytes;
    this.#evict();
    return true;
  }

  delete(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    return true;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  #evict(): void {
    const { maxEntries, maxBytes } = this.#options;
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= maxEntries && this.#bytes <= maxBytes) break;
      this.delete(key);
    }
  }
}
