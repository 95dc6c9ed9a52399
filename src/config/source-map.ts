// Where each value of a parsed config file sits in its text, kept apart from the parsed data (the
// parser builds plain data, with no syntax tree to hold on to): offsets only, turned into a line
// and column for the rare diagnostic.

export type PathSegment = string | number;

/**
 * Where every key and value of a file starts, in flat lists of numbers rather than an object per
 * key and value: a file of 10,000 members has some 150,000 of them, and an object for each was a
 * large share of the garbage collector's work.
 *
 * A value is referred to by a number: a mapping or list is its index in the node columns (0 or
 * more); a scalar, an alias or an empty value is its offset `o`, written `-(o + 1)`.
 */
export interface Positions {
  /** The document's value. */
  root: number;
  /** Per mapping or list: where it starts, whether it is a mapping, its first entry and how many. */
  nodeAt: number[];
  nodeIsMap: boolean[];
  nodeFirst: number[];
  nodeSize: number[];
  /** Per entry (a mapping's pair, or a list's item): its key and where the key starts (mappings only), its value. */
  entryKey: string[];
  entryKeyAt: number[];
  entryValue: number[];
}

/** How a scalar's offset is written where a value is referred to. */
export function scalarRef(offset: number): number {
  return -offset - 1;
}

/** Where a value starts. */
export function refOffset(positions: Positions, ref: number): number {
  return ref < 0 ? -ref - 1 : (positions.nodeAt[ref] as number);
}

/**
 * Builds Positions as the parser closes values, children before their parent: a parent's entries
 * are added in one go, after its children's, so each node's entries are contiguous.
 */
export class PositionsBuilder {
  readonly positions: Positions = {
    root: scalarRef(0),
    nodeAt: [],
    nodeIsMap: [],
    nodeFirst: [],
    nodeSize: [],
    entryKey: [],
    entryKeyAt: [],
    entryValue: [],
  };

  /** A new mapping or list, whose entries are the ones added next, until endNode. */
  startNode(at: number, isMap: boolean): number {
    const { positions } = this;
    positions.nodeAt.push(at);
    positions.nodeIsMap.push(isMap);
    positions.nodeFirst.push(positions.entryValue.length);
    positions.nodeSize.push(0);
    return positions.nodeAt.length - 1;
  }

  /** An entry of the node started last (key and keyAt: mappings only). */
  addEntry(value: number, key = '', keyAt = 0): void {
    const { positions } = this;
    positions.entryKey.push(key);
    positions.entryKeyAt.push(keyAt);
    positions.entryValue.push(value);
  }

  /** The node started last has all its entries. */
  endNode(node: number): void {
    const { positions } = this;
    positions.nodeSize[node] = positions.entryValue.length - (positions.nodeFirst[node] as number);
  }
}

/** Offsets of the lines' first characters, to turn an offset into a line and column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
export function linePosition(starts: readonly number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, col: offset - (starts[low] as number) + 1 };
}

/** An empty path, shared: placing a value allocates nothing for a missing second part. */
export const NO_SEGMENTS: readonly PathSegment[] = [];

/**
 * The offset of the value at a path (or of its key), stopping at the deepest part that exists. The
 * path is `path` followed by `then`: an entry's path and a field in it, without joining them.
 */
export function offsetAt(
  positions: Positions,
  path: readonly PathSegment[],
  options?: { key?: boolean },
  then: readonly PathSegment[] = NO_SEGMENTS,
): number {
  let ref = positions.root;
  let keyOffset: number | undefined;
  const length = path.length + then.length;
  for (let i = 0; i < length; i++) {
    const segment = (i < path.length ? path[i] : then[i - path.length]) as PathSegment;
    if (ref < 0) break;
    const first = positions.nodeFirst[ref] as number;
    if (positions.nodeIsMap[ref]) {
      const index = indexOfKey(positions, ref, String(segment));
      if (index === -1) break;
      keyOffset = positions.entryKeyAt[first + index];
      ref = positions.entryValue[first + index] as number;
    } else if (typeof segment === 'number' && segment < (positions.nodeSize[ref] as number)) {
      keyOffset = undefined;
      ref = positions.entryValue[first + segment] as number;
    } else {
      break;
    }
  }
  if (options?.key && keyOffset !== undefined) return keyOffset;
  return refOffset(positions, ref);
}

/** Big mappings (a catalog of 2,000 pipes) get an index on first use, so each lookup is O(1). */
const keyIndexes = new WeakMap<Positions, Map<number, Map<string, number>>>();
const INDEX_FROM = 16;

function indexOfKey(positions: Positions, node: number, key: string): number {
  const first = positions.nodeFirst[node] as number;
  const size = positions.nodeSize[node] as number;
  if (size < INDEX_FROM) {
    for (let i = 0; i < size; i++) if (positions.entryKey[first + i] === key) return i;
    return -1;
  }
  let indexes = keyIndexes.get(positions);
  if (!indexes) {
    indexes = new Map();
    keyIndexes.set(positions, indexes);
  }
  let index = indexes.get(node);
  if (!index) {
    index = new Map();
    // The first of duplicate keys, as a linear search finds (duplicates are errors anyway).
    for (let i = size - 1; i >= 0; i--) index.set(positions.entryKey[first + i] as string, i);
    indexes.set(node, index);
  }
  return index.get(key) ?? -1;
}
