// A map keyed by a pair of strings (member and integration, pipe and member). Two levels of
// ordinary maps rather than one map of joined strings: with 100,000 grants, building and hashing a
// joined key for every lookup was a large share of planning time.
export class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();

  get(first: string, second: string): V | undefined {
    return this.outer.get(first)?.get(second);
  }

  set(first: string, second: string, value: V): void {
    this.group(first).set(second, value);
  }

  /** The map of a first key's second keys to values, created empty if the first key is new. */
  group(first: string): Map<string, V> {
    let inner = this.outer.get(first);
    if (!inner) {
      inner = new Map();
      this.outer.set(first, inner);
    }
    return inner;
  }

  firstKeys(): IterableIterator<string> {
    return this.outer.keys();
  }

  *values(): IterableIterator<V> {
    for (const inner of this.outer.values()) yield* inner.values();
  }
}
