// Parses a config file with js-yaml (full YAML 1.2, core schema) and keeps where each key and value
// starts. js-yaml builds plain data without a syntax tree, which is what makes it fast on configs of
// thousands of members; its `listener` reports each node as it opens and closes, and the placement
// is rebuilt from those events. Where js-yaml may read what YAML 1.2 refuses or means otherwise, the
// `yaml` package confirms the data. Anything refused goes to the caller, which asks the `yaml`
// package for a diagnostic (its messages and positions are the better ones).
import { load, YAMLException } from 'js-yaml';
import { CORE_SCHEMA } from './core-schema.js';
import { type Positions, PositionsBuilder, refOffset, scalarRef } from './source-map.js';
import { EMPTY_KEY, KEY_IS_NO_NAME, rewordedReason } from './yaml-reasons.js';
import {
  blockLeadOverIndented,
  confirmSuspects,
  gluedDocumentStart,
  mappingAfterKey,
  spanSuspects,
  type Suspect,
  textSuspects,
} from './yaml-misread.js';

/**
 * How deep mappings and sequences may nest. A real config nests five or six levels; the limit keeps
 * a hostile file (100,000 `[`) from exhausting the stack.
 */
export const MAX_NESTING = 64;
/**
 * How many values aliases may stand for in all. js-yaml shares the anchored value instead of
 * copying it, but everything after the parser (the schema, the rules, the plan) walks the data as a
 * tree: ten levels of ten aliases each would be 10^10 values to walk.
 */
export const MAX_ALIAS_VALUES = 10_000;
/** Access configs are small; anything near this is a mistake, not a team. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/**
 * How much text (in characters, keys included) aliases may stand for in all: no more than a config
 * file may hold. A string is shared, not copied, by the parser, but whatever copies or prints the
 * data later does so once per alias: 300 aliases of a 2 MB string would be 600 MB.
 */
export const MAX_ALIAS_TEXT = MAX_CONFIG_BYTES;
/** js-yaml's own depth guard, past MAX_NESTING: it counts nodes, and some levels take two. */
const PARSER_MAX_DEPTH = 2 * MAX_NESTING + 4;

export type YamlRead =
  | { data: unknown; positions: Positions }
  /** Refused: `reason` and `offset` are the reader's, for when the yaml package finds nothing wrong. */
  | { problem: 'syntax'; reason: string; offset: number }
  | { problem: 'too-deep' }
  /** Aliases stand for too much; `offset` is the alias that goes past the limit. */
  | { problem: 'aliases'; offset: number };

/** The document's node: where it is, what it holds, and how deep the collections in it go. */
interface Root {
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

/** What YAML 1.2 does not allow in a stream (js-yaml refuses it, the yaml package reads it). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NON_PRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

class AliasLimit extends Error {
  constructor(readonly offset: number) {
    super('too many aliases');
  }
}

/** What js-yaml reads but the config language does not have, at the offset where it is. */
class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

export function readYaml(source: string): YamlRead {
  // js-yaml drops a byte order mark before it counts positions.
  const shift = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = shift ? source.slice(1) : source;
  const control = NON_PRINTABLE.exec(text);
  if (control) {
    const code = `\\u${control[0].charCodeAt(0).toString(16).padStart(4, '0')}`;
    const reason = `a control character (${code}) in the text, which YAML does not allow; write it as the escape ${code} inside double quotes, or remove it`;
    return { problem: 'syntax', reason, offset: control.index + shift };
  }
  // A carriage return alone is a line break to js-yaml and text to the yaml package.
  const loneReturn = /\r(?!\n)/.exec(text);
  if (loneReturn) {
    const reason = 'a carriage return without a line feed; save the file with \\n or \\r\\n line ends';
    return { problem: 'syntax', reason, offset: loneReturn.index + shift };
  }
  const glued = gluedDocumentStart(text);
  if (glued !== undefined) {
    const reason =
      'the file starts with `---` glued to text: YAML tools differ on whether the dashes start the document or belong to the text; put a space after `---` to start the document, or quote the text';
    return { problem: 'syntax', reason, offset: glued + shift };
  }
  const builder = new Placement(text, shift);
  let data: unknown;
  try {
    data = load(text, {
      schema: CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') builder.open(state.position, (state as { version?: string | null }).version);
        else builder.close(state.kind as string | null, state.result, state.position, (state as { tag?: string }).tag);
      },
      maxDepth: PARSER_MAX_DEPTH,
    } as Parameters<typeof load>[1]);
  } catch (error) {
    if (error instanceof AliasLimit) return { problem: 'aliases', offset: error.offset + shift };
    if (error instanceof Refusal) return { problem: 'syntax', reason: error.reason, offset: error.offset };
    if (error instanceof YAMLException) {
      const reason = rewordedReason(error.reason);
      return { problem: 'syntax', reason, offset: (error.mark?.position ?? 0) + shift };
    }
    throw error;
  }
  const pastLimit = builder.aliasPastLimit();
  if (pastLimit !== undefined) return { problem: 'aliases', offset: pastLimit + shift };
  const root = builder.root();
  if (root && root.height > MAX_NESTING) return { problem: 'too-deep' };
  // Where js-yaml may have read what YAML refuses or means otherwise, the yaml package decides.
  const suspects = [...textSuspects(text), ...spanSuspects(text, builder.spans), ...builder.suspects];
  const misread = suspects.length > 0 ? confirmSuspects(text, data, suspects) : undefined;
  if (misread) return { problem: 'syntax', reason: misread.reason, offset: misread.offset + shift };
  // A document of comments only is null, placed at its start.
  const empty = !root || (root.kind === null && root.result === null);
  const { positions } = builder;
  positions.root = empty ? scalarRef(0) : root.ref;
  return { data: data ?? null, positions };
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
class Placement {
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
      if (this.aliasValues > MAX_ALIAS_VALUES || this.aliasText > MAX_ALIAS_TEXT) throw new AliasLimit(at);
    }
    // Ten levels of ten aliases are 10^10 values before the file ends: stop early, not only at the end.
    if (this.aliasedCollections.length > MAX_ALIAS_VALUES) throw new AliasLimit(at);
  }

  /**
   * Where the alias is past which all aliases together stand for more than MAX_ALIAS_VALUES values
   * or MAX_ALIAS_TEXT characters, if one is.
   */
  aliasPastLimit(): number | undefined {
    let values = this.aliasValues;
    let text = this.aliasText;
    for (const { value, at } of this.aliasedCollections) {
      const size = this.sizeOf(value);
      values += size.values;
      text += size.text;
      if (values > MAX_ALIAS_VALUES || text > MAX_ALIAS_TEXT) return at;
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
