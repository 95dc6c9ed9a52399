// Where each value of a parsed config file sits in its text, kept apart from the parsed data (the
// parser builds plain data, with no syntax tree to hold on to): offsets only, turned into a line
// and column for the rare diagnostic.

export type PathSegment = string | number;

/** A scalar (or alias) is just the offset where it starts; collections also place their children. */
export type Placed = number | PlacedMap | PlacedSeq;

export interface PlacedMap {
  at: number;
  /** The mapping's scalar keys in source order, with where each key and its value start. */
  keys: string[];
  keyAt: number[];
  values: Placed[];
}

export interface PlacedSeq {
  at: number;
  items: Placed[];
}

/** Offsets of the lines' first characters, to turn an offset into a line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; col: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, col: offset - (this.starts[low] as number) + 1 };
  }
}

/** The offset of the value at a path (or of its key), stopping at the deepest part that exists. */
export function offsetAt(root: Placed, path: readonly PathSegment[], options: { key?: boolean } = {}): number {
  let node: Placed = root;
  let keyOffset: number | undefined;
  for (const segment of path) {
    if (typeof node === 'number') break;
    if ('keys' in node) {
      const index = indexOfKey(node, String(segment));
      if (index === -1) break;
      keyOffset = node.keyAt[index];
      node = node.values[index] as Placed;
    } else if (typeof segment === 'number' && segment < node.items.length) {
      keyOffset = undefined;
      node = node.items[segment] as Placed;
    } else {
      break;
    }
  }
  if (options.key && keyOffset !== undefined) return keyOffset;
  return typeof node === 'number' ? node : node.at;
}

/** Big mappings (a catalog of 2,000 pipes) get an index on first use, so each lookup is O(1). */
const keyIndexes = new WeakMap<PlacedMap, Map<string, number>>();
const INDEX_FROM = 16;

function indexOfKey(map: PlacedMap, key: string): number {
  if (map.keys.length < INDEX_FROM) return map.keys.indexOf(key);
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    // The first of duplicate keys, as a linear search finds (duplicates are errors anyway).
    map.keys.forEach((name, i) => index?.has(name) || index?.set(name, i));
    keyIndexes.set(map, index);
  }
  return index.get(key) ?? -1;
}
