// Where js-yaml reads a text differently from YAML 1.2 although it accepts it: the places are
// found by a scan of the text, and the `yaml` package confirms that the data differ there.
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';

/** A dash that ends its line (or is followed only by a comment): maybe an empty list entry. */
const ENDING_DASH = /-(?=[ \t]*(?:\r?\n|$)|[ \t]+#)/g;
/** What may come before such a dash on its line for it to be an entry: indentation and other dashes. */
const ENTRY_PREFIX = /^[ \t]*(?:-[ \t]+)*$/;

/**
 * Where js-yaml would read the next, less indented entry into a nested list whose last entry is
 * empty (`- - x`, `  -`, `- y` gives [[x, null, y]] where YAML says [[x, null], y]).
 */
export function emptyEntrySwallowing(text: string): number | undefined {
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
 * Whether the `yaml` package reads the same data. The text scan also finds a dash alone in a
 * block scalar or a quoted string; only when the two parsers disagree is it the entry js-yaml misreads.
 */
export function yamlReadsTheSame(text: string, data: unknown): boolean {
  const doc = parseDocument(text, { uniqueKeys: true });
  // readYaml has refused aliases past its own limits before it asks: yaml's limit would only differ.
  return doc.errors.length === 0 && isDeepStrictEqual(doc.toJS({ maxAliasCount: -1 }), data ?? null);
}
