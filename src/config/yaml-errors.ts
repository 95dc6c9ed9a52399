// What is wrong with a config file that js-yaml refused, in the words of the `yaml` package: its
// messages and positions are the clearer ones, and a file that fails is read a second time only then.
import type { SourceRef } from '../model/state.js';
import { type Diagnostic, diagnostic } from './diagnostic.js';
import { findIndentSlip } from './yaml-indent.js';
import { yamlPackage } from './yaml-package.js';
import { MAX_ALIAS_TEXT, MAX_ALIAS_VALUES, MAX_NESTING, type YamlRead } from './yaml-read.js';

type Refused = Exclude<YamlRead, { data: unknown }>;

/** The yaml package's words for it name its own API ("please use YAML.parseAllDocuments()"). */
const SECOND_DOCUMENT =
  'a second YAML document starts here (after `---` or `...`); a config file holds one: move the rest to its own file and list it under include:';

export function yamlDiagnostics(
  text: string,
  refused: Refused,
  displayPath: string,
  at: (offset: number) => SourceRef,
): Diagnostic[] {
  if (refused.problem === 'aliases') {
    const message = `${displayPath} expands too many aliases (more than ${MAX_ALIAS_VALUES} values or ${MAX_ALIAS_TEXT / 1024 / 1024} MiB of text in all) at this one; write the values out or use include:`;
    return [diagnostic('error', 'yaml-alias-limit', message, at(refused.offset))];
  }
  const doc = yamlPackage().parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  // The parser turns a stack overflow into errors, one per unclosed level: report it once.
  const exhausted = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  const tooDeep = exhausted ? exhausted.pos[0] : deeperThanAllowed(doc.contents);
  if (tooDeep !== undefined) {
    const message = `mappings and lists nest more than ${MAX_NESTING} levels deep here; a config never needs that many`;
    return [diagnostic('error', 'yaml-too-deep', message, at(tooDeep))];
  }
  const slip = indentationSlip(text, doc.errors, at);
  if (slip) return [slip];
  const diagnostics = doc.errors.map((error) =>
    error.code === 'DUPLICATE_KEY'
      ? diagnostic('error', 'duplicate-key', 'this key appears twice in the same mapping; keep one', at(error.pos[0]))
      : error.code === 'MULTIPLE_DOCS'
        ? syntax(SECOND_DOCUMENT, at(error.pos[0]))
        : syntax(firstLine(error.message).replace(/ at line \d+, column \d+:?$/, ''), at(error.pos[0])),
  );
  if (diagnostics.length > 0) return diagnostics;
  // The two parsers disagree: js-yaml's reason, then. An unknown tag is only a warning to `yaml`,
  // which places it at the tag; js-yaml places it where it gave up, after the value.
  const unknownTag = doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  const reason = refused.problem === 'syntax' ? refused.reason : 'unreadable';
  const offset = refused.problem === 'syntax' ? refused.offset : 0;
  return [syntax(reason, at(/^unknown tag/.test(reason) && unknownTag ? unknownTag.pos[0] : offset))];
}

/**
 * One diagnostic for an indentation slip, on the line that slipped, instead of the parser's errors
 * about the lines around it: when a line at or just after the first error is indented to no block.
 */
function indentationSlip(
  text: string,
  errors: readonly { code: string; pos: [number, number] }[],
  at: (offset: number) => SourceRef,
): Diagnostic | undefined {
  const first = errors.find((error) => error.code !== 'DUPLICATE_KEY');
  if (!first) return undefined;
  const slip = findIndentSlip(text, at(first.pos[0]).line + 1);
  if (!slip) return undefined;
  const lineStart =
    text
      .split('\n')
      .slice(0, slip.line - 1)
      .join('\n').length + (slip.line > 1 ? 1 : 0);
  const like = `"${slip.like.text.length > 40 ? `${slip.like.text.slice(0, 40)}...` : slip.like.text}" (line ${slip.like.line})`;
  const message =
    slip.indent > slip.expected
      ? `this line is indented ${slip.indent} spaces, but the block it continues is at ${slip.expected}, like ${like}, and a key with a value on its line holds nothing beneath it; indent this line ${slip.expected} spaces`
      : `this line is indented ${slip.indent} spaces, which matches no mapping or list above it; indent it ${slip.expected} spaces, like ${like}, or as far as an outer key to close that block`;
  return diagnostic('error', 'yaml-indentation', message, at(lineStart + slip.indent));
}

function syntax(message: string, at: SourceRef): Diagnostic {
  return diagnostic('error', 'yaml-syntax', `YAML syntax: ${message}`, at);
}

/**
 * Where the first collection nested deeper than MAX_NESTING starts, if one does. Iterative: the
 * tree may be as deep as the parser's own stack allowed.
 */
function deeperThanAllowed(root: unknown): number | undefined {
  const { isCollection, isPair } = yamlPackage();
  const pending: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, depth } = next;
    if (isPair(node)) {
      pending.push({ node: node.value, depth }, { node: node.key, depth });
    } else if (isCollection(node)) {
      if (depth + 1 > MAX_NESTING) return node.range?.[0] ?? 0;
      for (const item of node.items) pending.push({ node: item, depth: depth + 1 });
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
