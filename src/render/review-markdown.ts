// The review as Markdown, for the quarterly issue: summary counts, the findings, then one line per
// person or workspace key with what they can use and where it comes from. Every value from the
// config or the workspace goes through markdown-text, so a name renders as the text it is.
import type { Review, ReviewFacts } from '../app/review/types.js';
import { markdownCode, markdownText } from './markdown-text.js';
import { accessText, byRoleText, resourceId, type SubjectRow, subjectRows, summaryCounts } from './review-rows.js';

export interface MarkdownReviewOptions {
  /**
   * The longest review to write, in characters (an issue takes 65,536): a longer one is cut
   * between table rows, saying what was left out. Unbounded when absent.
   */
  maxLength?: number;
  /** Where the whole review is, as Markdown, for the lines that say what was left out. */
  fullReviewAt?: string;
}

const DEFAULT_FULL_REVIEW_AT = 'the output of `roster review` (markdown, html or csv)';

/** A table of the review: its heading and header, one line per row, and what a row is called. */
interface Table {
  head: string;
  rows: string[];
  /** What the rows are, plural: "findings". */
  what: string;
  /** Shown in place of an empty table. */
  none?: string;
}

export function renderReviewMarkdown(review: Review, facts: ReviewFacts, options: MarkdownReviewOptions = {}): string {
  const cell = (text: string) => markdownText(text, { inTable: true });
  const head = [
    `# Access review: ${markdownCode(review.workspace.name || '(unnamed)')} (${markdownText(review.workspace.plan)}) as of ${review.asOf}`,
    '',
    summaryCounts(review, facts)
      .map(({ label, value }) => `**${value}** ${label}`)
      .join(' · '),
    '',
    '',
  ].join('\n');
  const tables: Table[] = [
    {
      head: '## Findings\n\n| Severity | Code | Subject | Finding |\n|---|---|---|---|\n',
      rows: review.findings.map(
        (f) => `| ${f.severity} | ${f.code} | ${markdownCode(f.subject, { inTable: true })} | ${cell(f.message)} |\n`,
      ),
      what: 'findings',
      none: '## Findings\n\nNone.\n',
    },
    {
      head: '## Access\n\n| Who | Role | Integrations | Pipes |\n|---|---|---|---|\n',
      rows: subjectRows(review, facts).map((row) => `${matrixLine(row, facts)}\n`),
      what: 'rows of people and keys',
    },
  ];
  const tail =
    '\nSources: `direct`, `team:<id>`, `role owner` or `role admin`, `public pipe`, `key scope`; `not in config` is drift.\n';
  const whole =
    head + tables.map((t) => (t.rows.length === 0 && t.none ? t.none : t.head + t.rows.join(''))).join('\n') + tail;
  if (options.maxLength === undefined || whole.length <= options.maxLength) return whole;
  return shortReview(head, tables, tail, options.maxLength, options.fullReviewAt ?? DEFAULT_FULL_REVIEW_AT);
}

/**
 * A review too long for an issue (a workspace of thousands of people): the heading and counts,
 * a notice of what was left out and where the whole review is, then each table's first rows,
 * cut between rows with a line saying how many more there are. The findings never crowd out the
 * access table, nor the access table the findings.
 */
function shortReview(head: string, tables: Table[], tail: string, maxLength: number, fullReviewAt: string): string {
  const notice = (shown: number[]) =>
    `> **Shortened to fit ${maxLength.toLocaleString('en-US')} characters:** ${tables
      .map((t, i) => `${shown[i]} of ${t.rows.length} ${t.what}`)
      .join(', ')} are shown here. The whole review is in ${fullReviewAt}.\n\n`;
  const more = (table: Table, left: number) =>
    `\n…and ${left} more ${table.what}, left out here: see the whole review in ${fullReviewAt}.\n`;
  // Room for the rows once every fixed part is written, each count at its widest (all of them).
  const totals = tables.map((t) => t.rows.length);
  let room =
    maxLength -
    head.length -
    notice(totals).length -
    tail.length -
    tables.reduce((sum, t) => sum + t.head.length + more(t, t.rows.length).length + 1, 0);
  // Each table gets an equal share of the room; what one needs less of goes to the others.
  const need = tables.map((t) => t.rows.reduce((sum, row) => sum + row.length, 0));
  const share = new Map<number, number>();
  [...need.keys()]
    .sort((a, b) => need[a]! - need[b]!)
    .forEach((index, order) => {
      const given = Math.min(need[index]!, Math.floor(room / (tables.length - order)));
      share.set(index, given);
      room -= given;
    });
  const shown = tables.map((table, index) => {
    let left = share.get(index)!;
    let count = 0;
    for (const row of table.rows) {
      if (row.length > left) break;
      left -= row.length;
      count += 1;
    }
    return count;
  });
  const body = tables.map((table, i) => {
    const left = table.rows.length - shown[i]!;
    if (table.rows.length === 0 && table.none) return table.none;
    return table.head + table.rows.slice(0, shown[i]).join('') + (left > 0 ? more(table, left) : '');
  });
  return head + notice(shown) + body.join('\n') + tail;
}

function matrixLine(row: SubjectRow, facts: ReviewFacts): string {
  const who = `${markdownCode(row.subject, { inTable: true })}${row.name ? ` ${markdownText(row.name, { inTable: true })}` : ''}`;
  const label = markdownText(row.label, { inTable: true });
  if (row.byRole) return `| ${who} | ${label} | ${markdownText(byRoleText(row, facts), { inTable: true })} | |`;
  const list = (kind: string) =>
    row.cells
      .filter((c) => c.resource.startsWith(`${kind}:`))
      .map(
        (c) =>
          `${markdownCode(resourceId(c.resource), { inTable: true })} ${markdownText(`${accessText(c)} (${c.sources.join(', ')})`, { inTable: true })}`,
      )
      .join('<br>') || '—';
  return `| ${who} | ${label} | ${list('integration')} | ${list('pipe')} |`;
}
