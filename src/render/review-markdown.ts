// The review as Markdown, for the quarterly issue: summary counts, the findings, then one line per
// person or workspace key with what they can use and where it comes from. Every value from the
// config or the workspace goes through markdown-text, so a name renders as the text it is.
import type { Review, ReviewFacts } from '../app/review/types.js';
import { markdownCode, markdownText } from './markdown-text.js';
import { accessText, byRoleText, resourceId, type SubjectRow, subjectRows, summaryCounts } from './review-rows.js';

export function renderReviewMarkdown(review: Review, facts: ReviewFacts): string {
  const cell = (text: string) => markdownText(text, { inTable: true });
  const lines = [
    `# Access review: ${markdownCode(review.workspace.name || '(unnamed)')} (${markdownText(review.workspace.plan)}) as of ${review.asOf}`,
    '',
    summaryCounts(review, facts)
      .map(({ label, value }) => `**${value}** ${label}`)
      .join(' · '),
    '',
    '## Findings',
    '',
  ];
  if (review.findings.length === 0) lines.push('None.');
  else {
    lines.push('| Severity | Code | Subject | Finding |', '|---|---|---|---|');
    for (const f of review.findings)
      lines.push(`| ${f.severity} | ${f.code} | ${markdownCode(f.subject, { inTable: true })} | ${cell(f.message)} |`);
  }
  lines.push('', '## Access', '', '| Who | Role | Integrations | Pipes |', '|---|---|---|---|');
  for (const row of subjectRows(review, facts)) lines.push(matrixLine(row, facts));
  lines.push(
    '',
    'Sources: `direct`, `team:<id>`, `role owner` or `role admin`, `public pipe`, `key scope`; `not in config` is drift.',
  );
  return `${lines.join('\n')}\n`;
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
