// One indentation slip makes the YAML parser report several errors in its own terms ("Nested
// mappings are not allowed in compact mappings", "Implicit keys need to be on a single line"),
// none on the line that slipped. This finds that line: a block line whose indentation matches no
// mapping or list open around it, and says what was expected there.

/** A line indented to no open block: where it is, how far it is indented, and what was expected. */
export interface IndentSlip {
  line: number; // 1-based
  indent: number;
  expected: number;
  /** The line whose column was expected (a sibling key or item above). */
  like: { line: number; text: string };
}

interface Open {
  column: number;
  line: number;
  text: string;
}

/** The first mis-indented block line of `text`, if there is one before `untilLine` (1-based). */
export function findIndentSlip(text: string, untilLine: number): IndentSlip | undefined {
  const lines = text.split('\n');
  const open: Open[] = [];
  let opensBlock = true; // the document's top level
  let skipDeeperThan: number | undefined; // inside a block scalar (| or >)
  let flowDepth = 0; // inside a [ ] or { } that spans lines
  for (let index = 0; index < Math.min(lines.length, untilLine); index++) {
    const raw = lines[index]!.replace(/\r$/, '');
    const content = raw.trimStart();
    const indent = raw.length - content.length;
    if (content === '' || content.startsWith('#')) continue;
    if (/^\t/.test(raw.slice(indent - 1, indent)) || raw.slice(0, indent).includes('\t')) return undefined;
    if (skipDeeperThan !== undefined && indent > skipDeeperThan) continue;
    skipDeeperThan = undefined;
    if (flowDepth > 0) {
      flowDepth += depthChange(content);
      continue;
    }
    if (content.startsWith('---') || content.startsWith('...') || content.startsWith('%')) return undefined;
    const here = { line: index + 1, text: content };
    if (opensBlock && (open.length === 0 || indent > open.at(-1)!.column)) {
      open.push({ column: indent, ...here });
    } else {
      const above = open.at(-1);
      while (open.length > 0 && open.at(-1)!.column > indent) open.pop();
      if (open.at(-1)?.column !== indent) {
        const like = above && above.column > indent ? above : (open.at(-1) ?? above);
        return like
          ? { line: index + 1, indent, expected: like.column, like: { line: like.line, text: like.text } }
          : undefined;
      }
      open[open.length - 1] = { column: indent, ...here };
    }
    // "- key: value": the item's mapping continues at the key's column.
    const item = /^((?:- +)+)(?=\S)/.exec(content);
    if (item && /^[^#'"[{]*?:(\s|$)/.test(content.slice(item[1]!.length)))
      open.push({ column: indent + item[1]!.length, line: index + 1, text: content.slice(item[1]!.length) });
    const value = content.replace(/\s+#.*$/, '');
    // An anchor or tag alone after the key or dash (`top: &node`) still opens a block below it.
    const opener = value.replace(/(\s+[&!]\S*)+$/, '');
    opensBlock = /:$/.test(opener) || /^-$/.test(opener) || /(^|\s)-$/.test(opener);
    if (/[:-]\s+[|>][-+0-9]*$/.test(value)) skipDeeperThan = indent;
    flowDepth = Math.max(0, depthChange(value));
  }
  return undefined;
}

/** How many [ and { a line leaves open (quotes and comments are not parsed: a hint, not a parser). */
function depthChange(text: string): number {
  let depth = 0;
  for (const char of text.replace(/"[^"]*"|'[^']*'/g, '')) {
    if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
  }
  return depth;
}
