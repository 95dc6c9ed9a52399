// The review as one self-contained HTML page: summary counts, the findings, the access matrix
// (people and workspace keys as rows, sticky headers, a filter box) and a section per person. It
// loads nothing (a Content-Security-Policy forbids it) and every value from the config or the
// workspace is escaped, control characters shown as escapes.
//
// At 10,000 members it stays usable: with more than GRID_MAX_COLUMNS integrations and pipes the
// matrix lists each row's access instead of one column per resource (owners and admins in one
// phrase), the filter narrows rows as you type, and the per-person sections are collapsed
// <details> that the browser lays out only when scrolled to (content-visibility).
import type { MatrixCell, Review, ReviewFacts } from '../app/review/types.js';
import { REVIEW_CSS, REVIEW_JS } from './review-html-assets.js';
import { accessText, byRoleText, resourceId, type SubjectRow, subjectRows, summaryCounts } from './review-rows.js';
import { visible } from './visible.js';
import { NOT_IN_CONFIG } from '../app/review/matrix.js';

/** Up to this many integrations and pipes, the matrix is a grid with a column each. */
export const GRID_MAX_COLUMNS = 30;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

export function renderReviewHtml(review: Review, facts: ReviewFacts): string {
  const rows = subjectRows(review, facts);
  const resources = [...facts.integrations.map((id) => `integration:${id}`), ...facts.pipes.map((id) => `pipe:${id}`)];
  const grid = resources.length <= GRID_MAX_COLUMNS;
  const search = searchTexts(rows, resources);
  const title = `Access review: ${review.workspace.name || '(unnamed)'} as of ${review.asOf}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REVIEW_CSS}</style>
</head>
<body>
<header>
<h1>Access review: <span class="id">${escapeHtml(review.workspace.name || '(unnamed)')}</span></h1>
<p class="meta">${escapeHtml(review.workspace.plan)} plan · as of ${escapeHtml(review.asOf)} · made by roster review</p>
</header>
<section id="summary" aria-label="Summary">
<ul class="counts">
${summaryCounts(review, facts)
  .map(
    ({ label, value }) => `<li data-count="${escapeHtml(label)}"><strong>${value}</strong> ${escapeHtml(label)}</li>`,
  )
  .join('\n')}
</ul>
</section>
${findingsSection(review)}
<section id="matrix">
<h2>Access matrix</h2>
<div class="filter"><label for="filter">Filter</label><input id="filter" type="search" autocomplete="off" placeholder="email, name, role, key, team, integration or pipe"><output id="shown" for="filter"></output></div>
<div class="matrix-wrap">
${grid ? gridTable(rows, resources, search) : listTable(rows, facts, search)}
</div>
</section>
<section id="people">
<h2>Per person and key</h2>
${rows.map((row) => personSection(row, facts, search.get(row)!)).join('\n')}
</section>
<script>${REVIEW_JS}</script>
</body>
</html>
`;
}

function findingsSection(review: Review): string {
  const body = review.findings
    .map(
      (f) =>
        `<tr data-code="${escapeHtml(f.code)}"><td class="sev sev-${f.severity}">${f.severity}</td><td><code>${escapeHtml(f.code)}</code></td><td class="id">${escapeHtml(f.subject)}</td><td>${escapeHtml(f.message)}</td></tr>`,
    )
    .join('\n');
  return `<section id="findings">
<h2>Findings</h2>
${review.findings.length === 0 ? '<p>None.</p>' : `<table class="findings"><thead><tr><th>Severity</th><th>Code</th><th>Subject</th><th>Finding</th></tr></thead>\n<tbody>\n${body}\n</tbody></table>`}
</section>`;
}

/**
 * What the filter matches a row on: who, their role, and every resource and source of theirs,
 * escaped for an attribute. An owner's or admin's row matches every resource: that list is made
 * once and shared by those rows.
 */
function searchTexts(rows: SubjectRow[], resources: string[]): Map<SubjectRow, string> {
  let everything: string | undefined;
  const texts = new Map<SubjectRow, string>();
  for (const row of rows) {
    const own = [row.subject, row.name ?? '', row.label];
    if (row.byRole) {
      everything ??= escapeHtml(resources.join(' ').toLowerCase());
      texts.set(row, `${escapeHtml([...own, row.byRole].join(' ').toLowerCase())} ${everything}`);
    } else {
      const parts = new Set(own);
      for (const cell of row.cells) {
        parts.add(cell.resource).add(cell.access);
        for (const source of cell.sources) parts.add(source);
      }
      texts.set(row, escapeHtml([...parts].join(' ').toLowerCase()));
    }
  }
  return texts;
}

function whoCell(row: SubjectRow): string {
  return `<th scope="row" class="who"><span class="id">${escapeHtml(row.subject)}</span>${row.name ? `<br><small>${escapeHtml(row.name)}</small>` : ''}</th>`;
}

function cellTitle(cell: MatrixCell): string {
  return escapeHtml(`${accessText(cell)}; from ${cell.sources.join(', ')}`);
}

function gridTable(rows: SubjectRow[], resources: string[], search: Map<SubjectRow, string>): string {
  const head = resources
    .map((r) => `<th scope="col" class="res"><span class="id">${escapeHtml(r.replace(':', ' '))}</span></th>`)
    .join('');
  const body = rows.map((row) => {
    const byResource = new Map(row.cells.map((c) => [c.resource, c]));
    const cells = resources
      .map((r) => {
        const cell = byResource.get(r);
        if (!cell) return '<td></td>';
        const drift = cell.sources.includes(NOT_IN_CONFIG) ? ' drift' : '';
        const mark = cell.disabledTools.length ? `−${cell.disabledTools.length}` : '';
        return `<td class="a-${escapeHtml(cell.access)}${drift}" data-resource="${escapeHtml(r)}" title="${cellTitle(cell)}">${escapeHtml(cell.access)}${mark ? `<sup>${mark}</sup>` : ''}</td>`;
      })
      .join('');
    return `<tr data-subject="${escapeHtml(row.subject)}" data-text="${search.get(row)!}">${whoCell(row)}<td>${escapeHtml(row.label)}</td>${cells}</tr>`;
  });
  return `<table class="matrix grid"><thead><tr><th class="who" scope="col">Who</th><th scope="col">Role</th>${head}</tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>`;
}

function listTable(rows: SubjectRow[], facts: ReviewFacts, search: Map<SubjectRow, string>): string {
  const body = rows.map((row) => {
    const list = (kind: string) => {
      if (row.byRole) return kind === 'integration' ? escapeHtml(byRoleText(row, facts)) : '';
      const items = row.cells
        .filter((c) => c.resource.startsWith(`${kind}:`))
        .map(
          (c) =>
            `<li data-resource="${escapeHtml(c.resource)}" title="${cellTitle(c)}"><span class="id">${escapeHtml(resourceId(c.resource))}</span> ${escapeHtml(accessText(c))}</li>`,
        );
      return items.length ? `<ul class="access">${items.join('')}</ul>` : '';
    };
    return `<tr data-subject="${escapeHtml(row.subject)}" data-text="${search.get(row)!}">${whoCell(row)}<td>${escapeHtml(row.label)}</td><td>${list('integration')}</td><td>${list('pipe')}</td></tr>`;
  });
  return `<table class="matrix list"><thead><tr><th class="who" scope="col">Who</th><th scope="col">Role</th><th scope="col">Integrations</th><th scope="col">Pipes</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>`;
}

function personSection(row: SubjectRow, facts: ReviewFacts, search: string): string {
  const access = row.byRole
    ? `<li>${escapeHtml(byRoleText(row, facts))}</li>`
    : row.cells
        .map(
          (c) =>
            `<li><span class="id">${escapeHtml(c.resource)}</span>: ${escapeHtml(accessText(c))} <small>(${escapeHtml(c.sources.join(', '))})</small></li>`,
        )
        .join('');
  const findings = row.findings
    .map(
      (f) =>
        `<li><span class="sev sev-${f.severity}">${f.severity}</span> <code>${escapeHtml(f.code)}</code> ${escapeHtml(f.message)}</li>`,
    )
    .join('');
  const count = row.findings.length ? ` · ${row.findings.length} finding${row.findings.length === 1 ? '' : 's'}` : '';
  return `<details data-subject="${escapeHtml(row.subject)}" data-text="${search}"><summary><span class="id">${escapeHtml(row.subject)}</span>${row.name ? ` ${escapeHtml(row.name)}` : ''} · ${escapeHtml(row.label)}${count}</summary>
<ul class="access">${access || '<li>no integrations or pipes</li>'}</ul>${findings ? `\n<ul class="access">${findings}</ul>` : ''}</details>`;
}
