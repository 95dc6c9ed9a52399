// The placement of every key and value of a YAML text, rebuilt from js-yaml's open and close
// events (see yaml-read.ts), with the checks that need the nodes as they close: tags that do not fit
// their value, keys that are no names, layouts YAML refuses, and how much aliases stand for.
import { type Positions, PositionsBuilder, refOffset, scalarRef } from './source-map.js';
import { blockLeadOverIndented, mappingAfterKey, type Suspect } from './yaml-misread.js';
import { EMPTY_KEY, KEY_IS_NO_NAME } from './yaml-reasons.js';

/** The document's node: where it is, what it holds, and how deep the collections in it go. */
export interface Root {
  /** As Positions refers to a value. */
  ref: number;
  result: unknown;
  kind: string | null;
  height: number;
}

interface Size {
  values: number;
  text: number;
}

export class AliasLimit extends Error {
  constructor(readonly offset: number) {
    super('too many aliases');
  }
}

/** What js-yaml reads but the config language does not have, at the offset where it is. */
export class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

const CORE_TAG = 'tag:yaml.org,2002:';

/** Whether a value is what its tag says it is. */
function fitsTag(tag: string, value: unknown): boolean {
  switch (tag) {
    case '!':
    case `${CORE_TAG}str`:
      return typeof value === 'string';
    case `${CORE_TAG}int`:
    case `${CORE_TAG}float`:
      return typeof value === 'number';
    case `${CORE_TAG}bool`:
      return typeof value === 'boolean';
    case `${CORE_TAG}null`:
      return value === null;
    case `${CORE_TAG}seq`:
      return Array.isArray(value);
    case `${CORE_TAG}map`:
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true; // js-yaml refuses every other tag
  }
}

/**
 * Turns js-yaml's open and close events into the placement of every key and value. A 3.8 MB file
 * has some 300,000 events: the nodes opened, and those closed but not yet taken by their parent,
 * are kept in columns (one array per field) rather than as an object per node.
 */
export class Placement {
  /** Open nodes: where each starts, and where its children start in the closed columns. */
  private readonly openAt: number[] = [];
  private readonly openFrom: number[] = [];
  /** Closed nodes waiting for their parent, the last one on top: each field in its own column. */
  private readonly refOf: number[] = [];
  private readonly resultOf: unknown[] = [];
  private readonly kindOf: (string | null)[] = [];
  private readonly endOf: number[] = [];
  private readonly heightOf: number[] = [];
  /** How many closed nodes wait; entries past it are stale. */
  private top = 0;
  private rootIndex = -1;
  private readonly built = new PositionsBuilder();
  private aliasValues = 0;
  private aliasText = 0;
  /** Collections that aliases stand for, counted once complete (an alias may name its own parent). */
  private readonly aliasedCollections: { value: object; at: number }[] = [];
  private readonly sizes = new WeakMap<object, Size>();
  /** Quoted scalars and flow collections as [start, end) pairs, for spanSuspects. */
  readonly spans: number[] = [];
  /** Block scalars whose layout YAML refuses (see blockLeadOverIndented). */
  readonly suspects: Suspect[] = [];

  constructor(
    private readonly text: string,
    private readonly shift: number,
    /** How many values, and how much text, aliases may stand for in all. */
    private readonly aliasLimits: Size,
  ) {}

  /** The document's node, once closed. */
  root(): Root | undefined {
    const index = this.rootIndex;
    if (index === -1) return undefined;
    return {
      ref: this.refOf[index] as number,
      result: this.resultOf[index],
      kind: this.kindOf[index] ?? null,
      height: this.heightOf[index] ?? 0,
    };
  }

  get positions(): Positions {
    return this.built.positions;
  }

  /** `version`: the document's `%YAML` directive, if it has one. */
  open(at: number, version: string | null | undefined): void {
    if (this.openAt.length === 0 && version && version !== '1.2') {
      // Under %YAML 1.1 the yaml package reads `yes` as true, js-yaml as text.
      throw new Refusal(
        `the directive %YAML ${version}: a config is YAML 1.2; remove the directive`,
        this.directiveAt(at) + this.shift,
      );
    }
    this.openAt.push(at);
    this.openFrom.push(this.top);
  }

  /** Where the %YAML directive before `offset` starts: at the start of a line. */
  private directiveAt(offset: number): number {
    let at = this.text.lastIndexOf('%YAML', offset);
    while (at > 0 && this.text[at - 1] !== '\n') at = this.text.lastIndexOf('%YAML', at - 1);
    return Math.max(at, 0);
  }

  close(kind: string | null, result: unknown, end: number, tag: string | null | undefined): void {
    const at = this.openAt.pop() as number;
    const from = this.openFrom.pop() as number;
    if (tag && tag !== '?' && !fitsTag(tag, result)) {
      // js-yaml keeps a tag that sits on the line above a value, but not its meaning (`!!str` on a
      // line of its own above 1 gives the number 1), and reads `!` on an empty value as null, not "".
      throw new Refusal(
        `the tag ${tag.replace('tag:yaml.org,2002:', '!!')} does not fit its value here; remove it or put it just before the value`,
        this.contentStart(at) + this.shift,
      );
    }
    this.closeNode(at, from, kind, result, end);
    // Either way the node now waits at `from`, where its children started.
    if (this.openAt.length === 0) this.rootIndex = from;
  }

  /** Replaces the children waiting from `from` on with the node they make up. */
  private closeNode(nodeAt: number, from: number, kind: string | null, result: unknown, end: number): void {
    const count = this.top - from;
    // A block context first tries a value as the key of a mapping; when it is none, the node is that value.
    if (count === 1 && this.resultOf[from] === result && this.kindOf[from] === kind) return;
    const start = this.contentStart(nodeAt);
    const at = start + this.shift;
    this.noteLayout(start, kind, end);
    if (kind === 'mapping') return this.mapping(at, from, result as Record<string, unknown>, end);
    if (kind === 'sequence') return this.sequence(at, from, result as unknown[], end);
    const alias = kind === null && count === 0 && this.text[start] === '*';
    if (alias) this.countAlias(result, start);
    // An empty value (`key:` and nothing, or only a tag or anchor) sits at the end of its line's content.
    const empty = !alias && kind === null && result === null;
    this.push(from, scalarRef(empty ? this.emptyAt(nodeAt) + this.shift : at), result, kind, end, 0);
  }

  /** Sets the node waiting at `index`, the new top. */
  private push(index: number, ref: number, result: unknown, kind: string | null, end: number, height: number) {
    this.refOf[index] = ref;
    this.resultOf[index] = result;
    this.kindOf[index] = kind;
    this.endOf[index] = end;
    this.heightOf[index] = height;
    this.top = index + 1;
  }

  /** Keeps the nodes whose layout js-yaml may read although YAML refuses it. */
  private noteLayout(start: number, kind: string | null, end: number): void {
    const char = this.text[start];
    const flow = (char === '[' && kind === 'sequence') || (char === '{' && kind === 'mapping');
    const suspect =
      (kind === 'mapping' && !flow && mappingAfterKey(this.text, start)) ||
      ((char === '|' || char === '>') && kind === 'scalar' && blockLeadOverIndented(this.text, start));
    if (suspect) this.suspects.push({ offset: start });
    else if (flow || ((char === '"' || char === "'") && kind === 'scalar')) this.spans.push(start, end);
  }

  private mapping(at: number, from: number, result: Record<string, unknown>, end: number): void {
    const built = this.built;
    const node = built.startNode(at, true);
    const top = this.top;
    let height = 0;
    // A block mapping ends with one more attempt at a key: only as many pairs as the mapping has keys.
    let left = Object.keys(result).length;
    for (let i = from; i < top && left > 0; left--) {
      const key = i++;
      const value = i < top && this.colonAfter(this.endOf[key] as number) ? i++ : -1;
      height = Math.max(height, this.heightOf[key] as number, value === -1 ? 0 : (this.heightOf[value] as number));
      const keyAt = this.keyAt(key);
      built.addEntry(
        value === -1 ? scalarRef(keyAt) : (this.refOf[value] as number),
        String(this.resultOf[key]),
        keyAt,
      );
    }
    built.endNode(node);
    this.push(from, node, result, 'mapping', end, height + 1);
  }

  private sequence(at: number, from: number, result: unknown[], end: number): void {
    const built = this.built;
    const items: number[] = [];
    const flow = this.text[at - this.shift] === '[';
    const top = this.top;
    let height = 0;
    for (let i = from; i < top;) {
      const item = i++;
      height = Math.max(height, this.heightOf[item] as number);
      // `[key: value]` or `[? key]`: a mapping of one pair inside a flow sequence, not the key itself.
      if (flow && !Object.is(this.resultOf[item], result[items.length])) {
        const value = i < top && this.colonAfter(this.endOf[item] as number) ? i++ : -1;
        height = Math.max(height, (value === -1 ? 0 : (this.heightOf[value] as number)) + 1);
        const keyAt = this.keyAt(item);
        const pair = built.startNode(keyAt, true);
        const placed = value === -1 ? scalarRef(keyAt) : (this.refOf[value] as number);
        built.addEntry(placed, String(this.resultOf[item]), keyAt);
        built.endNode(pair);
        items.push(pair);
      } else {
        items.push(this.refOf[item] as number);
      }
    }
    // The list's entries go in after the pairs' (each node's entries are contiguous). Empty entries
    // (`-` alone) have no events: without a place for each, every item points at the list.
    const node = built.startNode(at, false);
    if (items.length === result.length) for (const item of items) built.addEntry(item);
    built.endNode(node);
    this.push(from, node, result, 'sequence', end, height + 1);
  }

  /**
   * Where a key starts. A key must be a name: js-yaml turns a list or mapping used as a key into
   * "[object Object]" and a null key (`~:`, `: value`) into "null", the yaml package into other
   * strings, and no name in a config is any of those.
   */
  private keyAt(key: number): number {
    const at = refOffset(this.built.positions, this.refOf[key] as number);
    const kind = this.kindOf[key];
    if (kind === 'mapping' || kind === 'sequence') {
      throw new Refusal(KEY_IS_NO_NAME, at);
    }
    if (this.resultOf[key] === null) throw new Refusal(EMPTY_KEY, at);
    return at;
  }

  /** Past blanks, tags and anchors on the same line. */
  private emptyAt(from: number): number {
    const text = this.text;
    let at = from;
    for (;;) {
      const char = text[at];
      if (char === ' ' || char === '\t') at++;
      else if (char === '!' || char === '&') at = this.propertyEnd(at);
      else return at;
    }
  }

  private propertyEnd(from: number): number {
    let at = from;
    while (at < this.text.length && !' \t\r\n,[]{}'.includes(this.text[at] as string)) at++;
    return at;
  }

  /** The offset after blanks, comments, tags and anchors: where a node's content starts. */
  private contentStart(from: number): number {
    let at = this.pastBlanks(from);
    while (this.text[at] === '!' || this.text[at] === '&') at = this.pastBlanks(this.propertyEnd(at));
    return at;
  }

  /** Whether a `:` follows (past blanks and comments): the node that ended there is a key. */
  private colonAfter(end: number): boolean {
    return this.text[this.pastBlanks(end)] === ':';
  }

  /** The offset after blanks, line breaks and comments. */
  private pastBlanks(from: number): number {
    const text = this.text;
    let at = from;
    for (;;) {
      const char = text[at];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') at++;
      else if (char === '#') while (at < text.length && text[at] !== '\n') at++;
      else return at;
    }
  }

  private countAlias(value: unknown, at: number): void {
    if (typeof value === 'object' && value !== null) this.aliasedCollections.push({ value, at });
    else {
      this.aliasValues += 1;
      if (typeof value === 'string') this.aliasText += value.length;
      if (this.aliasValues > this.aliasLimits.values || this.aliasText > this.aliasLimits.text)
        throw new AliasLimit(at);
    }
    // Ten levels of ten aliases are 10^10 values before the file ends: stop early, not only at the end.
    if (this.aliasedCollections.length > this.aliasLimits.values) throw new AliasLimit(at);
  }

  /**
   * Where the alias is past which all aliases together stand for more than the limit of values
   * or of characters, if one is.
   */
  aliasPastLimit(): number | undefined {
    let values = this.aliasValues;
    let text = this.aliasText;
    for (const { value, at } of this.aliasedCollections) {
      const size = this.sizeOf(value);
      values += size.values;
      text += size.text;
      if (values > this.aliasLimits.values || text > this.aliasLimits.text) return at;
    }
    return undefined;
  }

  /**
   * How many values, and characters of keys and strings, a value stands for as a tree; a value that
   * holds itself counts as too many.
   */
  private sizeOf(value: unknown): Size {
    if (typeof value === 'string') return { values: 1, text: value.length };
    if (typeof value !== 'object' || value === null) return { values: 1, text: 0 };
    const known = this.sizes.get(value);
    if (known !== undefined) return known;
    this.sizes.set(value, { values: Number.POSITIVE_INFINITY, text: 0 });
    const size = { values: 1, text: 0 };
    for (const [key, item] of Object.entries(value)) {
      const inner = this.sizeOf(item);
      size.values += inner.values;
      size.text += inner.text + (Array.isArray(value) ? 0 : key.length);
    }
    this.sizes.set(value, size);
    return size;
  }
}
