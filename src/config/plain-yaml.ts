// A fast reader for the plain YAML that access configs are written in: block mappings and
// sequences, one-line flow collections, plain and simply quoted scalars, comments. It gives the
// same data and positions as the full parser (a differential test holds it to that) in a fraction
// of the time and memory, which matters for configs of thousands of members. Anything outside
// that subset (anchors, tags, block scalars, escapes, multi-line values, duplicate keys, errors of
// any kind) makes it give up, and the full parser reads the file and reports whatever is wrong.
import type { Placed, PlacedMap, PlacedSeq } from './source-map.js';

export interface PlainParse {
  data: Record<string, unknown>;
  placed: PlacedMap;
}

/**
 * How deep mappings and sequences may nest. A real config nests five or six levels; the limit keeps
 * a hostile file (100,000 `[`) from exhausting the stack. The reader gives up beyond it, and the
 * full parser's path reports it.
 */
export const MAX_NESTING = 64;

/** Parses `text` if it stays within the plain subset; undefined means "use the full parser". */
export function parsePlainYaml(text: string): PlainParse | undefined {
  // Tabs, carriage returns, byte order marks and directives all have rules of their own.
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  try {
    return new PlainReader(text).document();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};
/** The depth of a collection about to be read: one deeper than its parent. */
const deeper = (depth: number): number => (depth < MAX_NESTING ? depth + 1 : giveUp());

/** A line holding something other than blanks and a comment. */
interface Line {
  /** Offset of the first character after the indentation. */
  start: number;
  /** Offset of the line break (or the end of the text). */
  end: number;
  indent: number;
}

/** A mapping key as plain configs write it: no quotes, spaces or indicators. */
const PLAIN_KEY = /[A-Za-z0-9_][A-Za-z0-9_.@-]*/y;

/** The plain key name starting at `at`, if there is one that the core schema reads as a string. */
function keyNameAt(text: string, at: number): string | undefined {
  PLAIN_KEY.lastIndex = at;
  const name = PLAIN_KEY.exec(text)?.[0];
  // `__proto__` would set the object's prototype; `1`, `true`, `null` are not string keys.
  return name !== undefined && name !== '__proto__' && typeof resolvePlain(name) === 'string' ? name : undefined;
}
/** Characters that may not start a plain scalar, or that start one only in cases left to the full parser. */
const SPECIAL_FIRST = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
/** Characters that end a plain scalar in a flow collection. */
const FLOW_INDICATORS = new Set([...',[]{}']);

class PlainReader {
  private readonly lines: Line[] = [];
  private next = 0;

  constructor(private readonly text: string) {
    for (let start = 0; start <= text.length;) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      let first = start;
      while (first < end && text.charCodeAt(first) === 32) first++;
      const char = text[first];
      if (first < end && char !== '#') {
        if (first === start && (text.startsWith('---', start) || text.startsWith('...', start) || char === '%')) {
          giveUp(); // document markers and directives
        }
        this.lines.push({ start: first, end, indent: first - start });
      }
      start = end + 1;
    }
  }

  document(): PlainParse {
    const first = this.lines[0];
    if (!first || first.indent !== 0 || this.text[first.start] === '-') giveUp();
    const { value, placed } = this.blockMap(0, (first as Line).start, 1);
    if (this.next < this.lines.length) giveUp();
    return { data: value, placed };
  }

  /** Entries at exactly `indent`; the first may start mid-line (`- key: value` in a sequence). */
  private blockMap(
    indent: number,
    firstStart: number,
    depth: number,
  ): { value: Record<string, unknown>; placed: PlacedMap } {
    const value: Record<string, unknown> = {};
    const placed: PlacedMap = { at: firstStart, keys: [], keyAt: [], values: [] };
    let start = firstStart;
    for (;;) {
      const line = this.lines[this.next] as Line;
      const key = this.key(start, line.end);
      if (Object.hasOwn(value, key.name)) giveUp(); // the full parser reports duplicates
      this.next++;
      const entry =
        key.after === undefined
          ? this.nestedUnder(indent, depth)
          : this.inlineBlockValue(key.after, line.end, indent, depth);
      value[key.name] = entry.value;
      placed.keys.push(key.name);
      placed.keyAt.push(start);
      placed.values.push(entry.placed);

      const following = this.lines[this.next];
      if (!following || following.indent < indent) return { value, placed };
      if (following.indent > indent || this.text[following.start] === '-') giveUp();
      start = following.start;
    }
  }

  private blockSeq(indent: number, depth: number): { value: unknown[]; placed: PlacedSeq } {
    const value: unknown[] = [];
    const placed: PlacedSeq = { at: (this.lines[this.next] as Line).start, items: [] };
    for (;;) {
      const line = this.lines[this.next] as Line;
      let content = line.start + 1;
      if (this.text[content] !== ' ') giveUp(); // `-` alone or `-x`
      while (this.text.charCodeAt(content) === 32) content++;
      if (content >= line.end || this.text[content] === '#') giveUp(); // item on the next lines

      const afterKey = content + (keyNameAt(this.text, content)?.length ?? 0);
      const item =
        afterKey > content &&
        this.text[afterKey] === ':' &&
        (afterKey + 1 === line.end || this.text[afterKey + 1] === ' ')
          ? this.blockMap(indent + (content - line.start), content, deeper(depth))
          : (this.next++, this.inlineBlockValue(content, line.end, indent, depth));
      value.push(item.value);
      placed.items.push(item.placed);

      const following = this.lines[this.next];
      if (!following || following.indent < indent) return { value, placed };
      if (following.indent > indent) giveUp();
      // A sequence under `key:` may sit at the key's own indentation; the next key there ends it.
      if (this.text[following.start] !== '-') return { value, placed };
    }
  }

  /** The value of `key:` with nothing after it: a block on the following lines. */
  private nestedUnder(indent: number, depth: number): { value: unknown; placed: Placed } {
    const line = this.lines[this.next];
    if (!line || line.indent < indent) giveUp(); // an empty value: null, left to the full parser
    const first = this.text[(line as Line).start];
    const startsSeq = first === '-';
    if ((line as Line).indent === indent) return startsSeq ? this.blockSeq(indent, deeper(depth)) : giveUp();
    if (first === '{' || first === '[') {
      // A flow collection moved to its own line, as formatters do with long ones.
      this.next++;
      return this.inlineBlockValue((line as Line).start, (line as Line).end, indent, depth);
    }
    return startsSeq
      ? this.blockSeq((line as Line).indent, deeper(depth))
      : this.blockMap((line as Line).indent, (line as Line).start, deeper(depth));
  }

  /** `name:` followed by a space or the end of the line; `after` is where the value starts, if on this line. */
  private key(start: number, end: number): { name: string; after?: number } {
    const name = keyNameAt(this.text, start) ?? giveUp();
    let at = start + name.length;
    if (this.text[at] !== ':') giveUp();
    at++;
    if (at < end && this.text[at] !== ' ') giveUp();
    while (at < end && this.text.charCodeAt(at) === 32) at++;
    return at >= end || this.text[at] === '#' ? { name } : { name, after: at };
  }

  /** A value that starts on a block line and must end on it (nothing may continue below). */
  private inlineBlockValue(
    start: number,
    end: number,
    indent: number,
    depth: number,
  ): { value: unknown; placed: Placed } {
    const char = this.text[start] as string;
    let result: { value: unknown; placed: Placed };
    let after: number;
    if (char === '{' || char === '[') {
      const flow = new FlowReader(this.text, start, end);
      result = flow.value(depth);
      after = flow.at;
    } else if (char === '"' || char === "'") {
      const quoted = readQuoted(this.text, start, end);
      result = { value: quoted.value, placed: start };
      after = quoted.after;
    } else {
      if (SPECIAL_FIRST.has(char)) giveUp();
      let stop = start;
      while (stop < end && !(this.text[stop] === '#' && this.text[stop - 1] === ' ')) stop++;
      const raw = this.text.slice(start, stop).trimEnd();
      if (raw.includes(': ') || raw.endsWith(':')) giveUp(); // a mapping where a scalar must be
      result = { value: resolvePlain(raw), placed: start };
      after = start + raw.length;
    }
    while (after < end && this.text.charCodeAt(after) === 32) after++;
    if (after < end && !(this.text[after] === '#' && this.text[after - 1] === ' ')) giveUp();
    const following = this.lines[this.next];
    if (following && following.indent > indent) giveUp(); // a multi-line value
    return result;
  }
}

/** A flow collection that opens and closes on one line. */
class FlowReader {
  constructor(
    private readonly text: string,
    public at: number,
    private readonly end: number,
  ) {}

  /** The value at the reading position; `depth` is that of the collection holding it. */
  value(depth: number): { value: unknown; placed: Placed } {
    const start = this.at;
    const char = this.text[start];
    if (char === '{') return this.map(deeper(depth));
    if (char === '[') return this.seq(deeper(depth));
    if (char === '"' || char === "'") {
      const quoted = readQuoted(this.text, start, this.end);
      this.at = quoted.after;
      return { value: quoted.value, placed: start };
    }
    if (SPECIAL_FIRST.has(char as string)) giveUp();
    let stop = start;
    while (stop < this.end) {
      const c = this.text[stop] as string;
      if (FLOW_INDICATORS.has(c)) break;
      if (c === ':' && (stop + 1 === this.end || ' ,[]{}'.includes(this.text[stop + 1] as string))) break;
      if (c === '#' && this.text[stop - 1] === ' ') giveUp(); // a comment inside the collection
      stop++;
    }
    const raw = this.text.slice(start, stop).trimEnd();
    this.at = start + raw.length;
    return { value: resolvePlain(raw), placed: start };
  }

  private map(depth: number): { value: Record<string, unknown>; placed: PlacedMap } {
    const value: Record<string, unknown> = {};
    const placed: PlacedMap = { at: this.at, keys: [], keyAt: [], values: [] };
    if (this.opensEmpty('}')) return { value, placed };
    for (;;) {
      const name = keyNameAt(this.text, this.at) ?? giveUp();
      const keyAt = this.at;
      this.at += name.length;
      if (this.text[this.at] !== ':' || this.text[this.at + 1] !== ' ') giveUp();
      if (Object.hasOwn(value, name)) giveUp();
      this.at++;
      this.spaces();
      const entry = this.value(depth);
      value[name] = entry.value;
      placed.keys.push(name);
      placed.keyAt.push(keyAt);
      placed.values.push(entry.placed);
      if (this.separator('}')) return { value, placed };
    }
  }

  private seq(depth: number): { value: unknown[]; placed: PlacedSeq } {
    const value: unknown[] = [];
    const placed: PlacedSeq = { at: this.at, items: [] };
    if (this.opensEmpty(']')) return { value, placed };
    for (;;) {
      const entry = this.value(depth);
      if (this.text[this.at] === ':') giveUp(); // a pair inside a sequence
      value.push(entry.value);
      placed.items.push(entry.placed);
      if (this.separator(']')) return { value, placed };
    }
  }

  /** Steps over the opening bracket; true when the collection closes right away (`{}`, `[ ]`). */
  private opensEmpty(close: string): boolean {
    this.at++;
    this.spaces();
    if (this.text[this.at] !== close) return false;
    this.at++;
    return true;
  }

  /** After an entry: `,` and another entry (false), or the closing bracket (true). */
  private separator(close: string): boolean {
    this.spaces();
    const char = this.text[this.at];
    this.at++;
    if (char === close) return true;
    if (char !== ',') giveUp();
    this.spaces();
    if (this.text[this.at] === close || this.text[this.at] === ',') giveUp(); // empty entries
    return false;
  }

  private spaces(): void {
    while (this.at < this.end && this.text.charCodeAt(this.at) === 32) this.at++;
    if (this.at >= this.end) giveUp(); // continues on the next line
  }
}

/** A quoted scalar closed on the same line, without escapes (those are left to the full parser). */
function readQuoted(text: string, start: number, end: number): { value: string; after: number } {
  const quote = text[start];
  let at = start + 1;
  let value = '';
  for (;;) {
    const close = text.indexOf(quote as string, at);
    if (close === -1 || close >= end) giveUp();
    value += text.slice(at, close);
    if (quote === "'" && text[close + 1] === "'") {
      value += "'";
      at = close + 2;
      continue;
    }
    if (quote === '"' && value.includes('\\')) giveUp();
    return { value, after: close + 1 };
  }
}

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const BOOLEANS = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
const DECIMAL_INT = /^[0-9]+$/;
const PLAIN_FLOAT = /^(?:[0-9]+\.[0-9]*|\.[0-9]+)$/;
/** The rest of the YAML 1.2 core schema's numbers (signed, octal, hex, exponents, inf, nan). */
const OTHER_NUMBER = /^(?:[-+][0-9.]|0o|0x|\.(?:inf|Inf|INF|nan|NaN|NAN)$|[0-9.]+[eE])/;

/** A plain scalar as the YAML 1.2 core schema reads it; the rarer numeric forms give up. */
function resolvePlain(raw: string): unknown {
  if (NULLS.has(raw)) return null;
  const boolean = BOOLEANS.get(raw);
  if (boolean !== undefined) return boolean;
  if (DECIMAL_INT.test(raw) || PLAIN_FLOAT.test(raw)) return Number(raw);
  if (OTHER_NUMBER.test(raw)) giveUp();
  return raw;
}
