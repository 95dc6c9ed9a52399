// Values from a config or a workspace, written into Markdown so that they render as the literal
// text they are: a pull request's author controls the config that CI plans, and the plan is
// posted as a comment. Nothing in a value may become HTML, a link, a table column or a mention.
import { visible } from './visible.js';

export interface MarkdownContext {
  /** Inside a GFM table cell, where an unescaped "|" would start a new column. */
  inTable?: boolean;
}

/**
 * The value in code spans. The fence is one backtick longer than any backtick run in the value,
 * so no run closes it; a value that starts or ends with a backtick or a space is padded with one
 * space each side, which CommonMark strips again.
 */
export function markdownCode(value: string, context: MarkdownContext = {}): string {
  const text = visible(value);
  // GFM splits a table row at "|" before inline parsing, even inside code spans, and renderers
  // disagree on the backslashes before it; so in a table each pipe, with the backslashes before
  // it, is written between code spans as escaped text.
  if (context.inTable && text.includes('|'))
    return text
      .split(/(\\*\|)/)
      .map((piece, index) => (index % 2 === 1 ? escapePunctuation(piece) : codeSpan(piece)))
      .join('');
  return codeSpan(text);
}

function codeSpan(text: string): string {
  if (text === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) && !/^ +$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Words GitHub would turn into a notification, a link or a cross-reference. */
const LINKING = /[@#]|:\/\/|www\./i;
/** Punctuation peeled off a linking word, so "(ana@acme.com)," shows its brackets as text. */
const AROUND = /^([("'[]*)(.*?)([)"'\],;:.!?]*)$/s;

/**
 * Running text (a change's summary, a guard's message) that embeds values. The punctuation that
 * can open a tag, an entity, emphasis, a link, math or a column is backslash-escaped anywhere, and
 * what opens a block (a list, a rule) is escaped at the start. A word that GitHub would link or
 * notify from (an email, "@org/team", "#12", a URL) goes in a code span, where it does neither.
 */
export function markdownText(value: string, context: MarkdownContext = {}): string {
  // Leading spaces would make an indented code block of a list item; around text they show nothing.
  const text = visible(value)
    .replace(/^ +| +$/g, '')
    .split(/( +)/)
    .map((word) => {
      if (!LINKING.test(word)) return escapePunctuation(word);
      const [, before = '', core = '', after = ''] = AROUND.exec(word) ?? [];
      return escapePunctuation(before) + markdownCode(core, context) + escapePunctuation(after);
    })
    .join('');
  return text.replace(/^(\d*)([-+=.)])/, '$1\\$2');
}

/** Mid-line, "-", ".", ",", ":", "/", brackets and quotes start nothing; these may. */
function escapePunctuation(text: string): string {
  return text.replace(/[!#$&*<>@[\\\]^_`{|}~]/g, '\\$&');
}
