// Where js-yaml reads a text that YAML 1.2 refuses, or reads it differently. Cheap scans find the
// suspect places (in the text, and in the nodes js-yaml reports); only then does the `yaml` package
// read the whole file to confirm. A full parse with it costs ten times js-yaml's, so it must not
// run on every file: a 4 MB config would take seconds longer to validate.
import { isDeepStrictEqual } from 'node:util';
import type { Document } from 'yaml';
import { yamlPackage } from './yaml-package.js';

/** A place worth confirming; `reason` is what the user is told if YAML reads other data there. */
export interface Suspect {
  offset: number;
  reason?: string;
}

/** A dash that ends its line (or is followed only by a comment): maybe an empty list entry. */
const ENDING_DASH = /-(?=[ \t]*(?:\r?\n|$)|[ \t]+#)/g;
/** What may come before such a dash on its line for it to be an entry: indentation and other dashes. */
const ENTRY_PREFIX = /^[ \t]*(?:-[ \t]+)*$/;

/**
 * Layouts js-yaml reads and YAML refuses, found in the text: a comment glued to a comma or a closing
 * bracket (`,#`, `]#`: YAML wants a blank before `#`), and content on the `---` line (`--- key: x`:
 * a mapping may not start there).
 */
const GLUED_OR_ON_MARKER = /[,\]}]#|^---[ \t]+[^\s#]/m;
/** A tab at the start of a line, or in the indentation of a line with content. */
const TAB_INDENT = /^(?:\t| *\t[ \t]*\S)/m;

/**
 * The places in the text where js-yaml may read what YAML refuses or means otherwise. Each scan is
 * a few milliseconds on a 4 MB config; a character that configs rarely hold (a tab, `&`, `!`) is
 * looked for first, as a class of characters in a regular expression is scanned much slower.
 */
export function textSuspects(text: string): Suspect[] {
  const suspects: Suspect[] = [];
  const layout = GLUED_OR_ON_MARKER.exec(text) ?? (text.includes('\t') ? TAB_INDENT.exec(text) : null);
  if (layout) suspects.push({ offset: layout.index });
  const property = propertyFirstOnLine(text, '&') ?? propertyFirstOnLine(text, '!');
  if (property !== undefined) suspects.push({ offset: property });
  const swallowing = emptyEntrySwallowing(text);
  if (swallowing !== undefined) {
    const reason = 'an empty list entry (`-` alone) ends a nested list here; write `- null` or remove it';
    suspects.push({ offset: swallowing, reason });
  }
  return suspects;
}

/**
 * Where the document starts with `---` glued to text (`---owner: x`), if it does: js-yaml takes the
 * dashes for the start of the document and reads `owner: x`, YAML reads the text `---owner`. Past
 * blank, comment and directive lines; further down, js-yaml too reads such a line as text.
 */
export function gluedDocumentStart(text: string): number | undefined {
  for (let line = 0; line < text.length; line = text.indexOf('\n', line) + 1 || text.length) {
    let at = line;
    while (text[at] === ' ' || text[at] === '\t') at++;
    const char = text[at];
    if (char === '#' || char === '\n' || char === '\r' || (char === '%' && at === line)) continue;
    return text.startsWith('---', line) && /\S/.test(text[line + 3] ?? ' ') ? line : undefined;
  }
  return undefined;
}

/**
 * The first anchor (`&`) or tag (`!`) that is the first thing on its line: `key: &a` then `&b value`
 * gives one value two anchors, and a tag there may not be indented enough; js-yaml reads both.
 */
function propertyFirstOnLine(text: string, mark: '&' | '!'): number | undefined {
  for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) {
    let before = at - 1;
    while (text[before] === ' ' || text[before] === '\t') before--;
    if (before < 0 || text[before] === '\n') return at;
  }
  return undefined;
}

/**
 * Where js-yaml would read the next, less indented entry into a nested list whose last entry is
 * empty (`- - x`, `  -`, `- y` gives [[x, null, y]] where YAML says [[x, null], y]).
 */
function emptyEntrySwallowing(text: string): number | undefined {
  ENDING_DASH.lastIndex = 0;
  for (let match = ENDING_DASH.exec(text); match; match = ENDING_DASH.exec(text)) {
    const dash = match.index;
    const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
    if (!ENTRY_PREFIX.test(text.slice(lineStart, dash))) continue;
    const column = dash - lineStart;
    // The next line with content; blank and comment-only lines do not count.
    for (let line = text.indexOf('\n', dash) + 1; line > 0; line = text.indexOf('\n', line) + 1) {
      let at = line;
      while (text[at] === ' ' || text[at] === '\t') at++;
      const char = text[at];
      if (char === undefined || char === '\n' || char === '\r' || char === '#') continue;
      const next = text[at + 1];
      if (char === '-' && (next === undefined || ' \t\r\n'.includes(next)) && at - line < column) return dash;
      break;
    }
  }
  return undefined;
}

/**
 * The suspect places among quoted scalars and flow collections, given as [start, end) pairs in the
 * order js-yaml closes them (inner before outer): a comment glued to the end (`"value"#`), and a
 * node that goes on over lines no more indented than its first (YAML wants them indented more).
 */
export function spanSuspects(text: string, spans: readonly number[]): Suspect[] {
  const suspects: Suspect[] = [];
  // Backwards, an outer node comes before the nodes in it: each line is looked at once.
  let outerStart = Number.POSITIVE_INFINITY;
  for (let i = spans.length - 2; i >= 0; i -= 2) {
    const start = spans[i] as number;
    const end = spans[i + 1] as number;
    if (text[end] === '#') suspects.push({ offset: end });
    if (start >= outerStart) continue;
    outerStart = start;
    const unindented = unindentedLine(text, start, end);
    if (unindented !== undefined) suspects.push({ offset: unindented });
  }
  return suspects;
}

/** The first line in [start, end) after the first that is no more indented than the node's own. */
function unindentedLine(text: string, start: number, end: number): number | undefined {
  let lineBreak = text.indexOf('\n', start);
  if (lineBreak === -1 || lineBreak >= end) return undefined;
  const own = ownIndent(text, text.lastIndexOf('\n', start - 1) + 1);
  for (; lineBreak !== -1 && lineBreak < end; lineBreak = text.indexOf('\n', lineBreak + 1)) {
    let at = lineBreak + 1;
    while (text[at] === ' ') at++;
    const char = text[at];
    if (char === '\n' || char === '\r' || char === undefined) continue; // a blank line
    const indent = at - lineBreak - 1;
    // A flow collection may close at its parent's indentation (`key: [` ... `]` at the key's).
    if (indent < own || (indent === own && char !== ']' && char !== '}')) return at;
  }
  return undefined;
}

/** The column where a line's content starts, past its indentation and `- `, `? `, `: ` indicators. */
function ownIndent(text: string, lineStart: number): number {
  return pastIndicators(text, lineStart, false) - lineStart;
}

/** Past blanks and `- `, `? `, `: ` indicators (and, with `properties`, tags and anchors). */
function pastIndicators(text: string, from: number, properties: boolean): number {
  let at = from;
  for (;;) {
    while (text[at] === ' ' || text[at] === '\t') at++;
    const char = text[at];
    const next = text[at + 1];
    if ((char === '-' || char === '?' || char === ':') && (next === ' ' || next === '\t')) at += 2;
    else if (properties && (char === '&' || char === '!')) {
      while (at < text.length && !/\s/.test(text[at] as string)) at++;
    } else return at;
  }
}

/**
 * Whether a block mapping (its first key at `start`) starts on the line of another key: `a: &x b: c`.
 * YAML refuses it; js-yaml reads it when a tag or anchor comes first. Starting a list entry is fine.
 */
export function mappingAfterKey(text: string, start: number): boolean {
  return pastIndicators(text, text.lastIndexOf('\n', start - 1) + 1, true) < start;
}

/**
 * Whether the empty lines that lead a block scalar (its header at `header`) are more indented than
 * its first line of text: YAML wants an indentation indicator then (`|2`), js-yaml reads on.
 */
export function blockLeadOverIndented(text: string, header: number): boolean {
  let lineBreak = text.indexOf('\n', header);
  if (lineBreak === -1 || /[1-9]/.test(text.slice(header, lineBreak).split('#')[0] as string)) return false;
  let widest = 0;
  for (; lineBreak !== -1; lineBreak = text.indexOf('\n', lineBreak + 1)) {
    let at = lineBreak + 1;
    while (text[at] === ' ') at++;
    const char = text[at];
    if (char !== '\n' && char !== '\r' && char !== undefined) return at - lineBreak - 1 < widest;
    widest = Math.max(widest, at - lineBreak - 1);
  }
  return false;
}

/**
 * What the `yaml` package finds at the suspect places: undefined when it reads the same data
 * without error, else its first error, else the reason of the first suspect that has one.
 */
export function confirmSuspects(text: string, data: unknown, suspects: Suspect[]): Required<Suspect> | undefined {
  const doc = yamlPackage().parseDocument(text, { uniqueKeys: true });
  // The caller then shows the yaml package's own diagnostics for the file.
  const error = doc.errors[0];
  if (error) return { offset: error.pos[0], reason: `YAML 1.2 does not allow this (${error.code})` };
  if (readsTheSame(doc, data)) return undefined;
  const byOffset = [...suspects].sort((a, b) => a.offset - b.offset);
  const first = byOffset.find((suspect) => suspect.reason) ?? byOffset[0] ?? { offset: 0 };
  return {
    offset: first.offset,
    reason: first.reason ?? 'YAML 1.2 reads this text differently from the config reader; write it more plainly',
  };
}

function readsTheSame(doc: Document, data: unknown): boolean {
  try {
    // readYaml has refused aliases past its own limits before it asks: yaml's limit would only differ.
    return isDeepStrictEqual(doc.toJS({ maxAliasCount: -1 }), data ?? null);
  } catch {
    return false; // an alias that yaml cannot resolve (js-yaml reads anchor names differently)
  }
}
