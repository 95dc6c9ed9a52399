// The review as one self-contained HTML page: summary counts, the findings, the access matrix
// (people and workspace keys as rows, sticky headers, a filter box) and a section per person. It
// loads nothing (a Content-Security-Policy forbids it) and every value from the config or the
// workspace is escaped, control characters shown as escapes.
//
// At 10,000 members it stays usable: with more than GRID_MAX_COLUMNS integrations and pipes the
// matrix lists each row's access instead of one column per resource (owners and admins in one
// phrase); with more than STATIC_MAX_ROWS people and keys the rows travel as JSON and the page
// shows the first ROWS_SHOWN that match the filter (the rest a "show more" away, the count said),
// each with its collapsed <details> section; the findings table shows the most severe
// FINDINGS_SHOWN with a count per code. Smaller reviews are plain HTML, whole in print.
import type { MatrixCell, Review, ReviewFacts } from '../app/review/types.js';
import { REVIEW_CSS, REVIEW_JS } from './review-html-assets.js';
import { FINDINGS_SHOWN, GRID_MAX_COLUMNS, ROWS_SHOWN, STATIC_MAX_ROWS } from './review-html-limits.js';
import { accessText, byRoleText, resourceId, type SubjectRow, subjectRows, summaryCounts } from './review-rows.js';
import { visible } from './visible.js';
import { NOT_IN_CONFIG } from '../app/review/matrix.js';

export interface HtmlOptions {
  /** STATIC_MAX_ROWS, lowered by tests to see the paged page without 1,000 rows. */
  staticMaxRows?: number;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

export function renderReviewHtml(review: Review, facts: ReviewFacts, options: HtmlOptions = {}): string {
  const rows = subjectRows(review, facts);
  const resources = [...facts.integrations.map((id) => `integration:${id}`), ...facts.pipes.map((id) => `pipe:${id}`)];
  const paged = rows.length > (options.staticMaxRows ?? STATIC_MAX_ROWS);
  const grid = !paged && resources.length <= GRID_MAX_COLUMNS;
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
${grid ? gridTable(rows, resources, search) : listTable(paged ? [] : rows, facts, search)}
</div>
${paged ? `<p><button id="more" type="button" hidden>Show ${ROWS_SHOWN} more</button></p>` : ''}
</section>
<section id="people">
<h2>Per person and key</h2>
${paged ? '<div id="people-list"></div>' : rows.map((row) => personSection(row, facts, search.get(row)!)).join('\n')}
</section>
${paged ? `<script type="application/json" id="review-rows">${rowsJson(rows, facts, search)}</script>` : ''}
<script>${REVIEW_JS}</script>
</body>
</html>
`;
}

function findingsSection(review: Review): string {
  const body = review.findings
    .slice(0, FINDINGS_SHOWN)
    .map(
      (f) =>
        `<tr data-code="${escapeHtml(f.code)}"><td class="sev sev-${f.severity}">${f.severity}</td><td><code>${escapeHtml(f.code)}</code></td><td class="id">${escapeHtml(f.subject)}</td><td>${escapeHtml(f.message)}</td></tr>`,
    )
    .join('\n');
  return `<section id="findings">
<h2>Findings</h2>
${review.findings.length > FINDINGS_SHOWN ? findingCounts(review) : ''}
${review.findings.length === 0 ? '<p>None.</p>' : `<table class="findings"><thead><tr><th>Severity</th><th>Code</th><th>Subject</th><th>Finding</th></tr></thead>\n<tbody>\n${body}\n</tbody></table>`}
</section>`;
}

/** Above the capped findings table: how many of each code, so nothing beyond the cap goes unseen. */
function findingCounts(review: Review): string {
  const counts = new Map<string, { severity: string; count: number }>();
  for (const f of review.findings) {
    const entry = counts.get(f.code) ?? { severity: f.severity, count: 0 };
    entry.count++;
    counts.set(f.code, entry);
  }
  const items = [...counts].map(
    ([code, { severity, count }]) =>
      `<li><span class="sev sev-${severity}">${severity}</span> <code>${escapeHtml(code)}</code> ${count}</li>`,
  );
  return `<p>The ${FINDINGS_SHOWN} most severe of ${review.findings.length} findings are listed; <code>roster review --format json</code> has them all. By code:</p>
<ul class="access">${items.join('')}</ul>`;
}

/**
 * The rows of a paged page, for its script: JSON in a non-executed script element, with "<" written
 * as \u003c so no value can close the element. The script puts values in the page as text only.
 */
function rowsJson(rows: SubjectRow[], facts: ReviewFacts, search: Map<SubjectRow, string>): string {
  const data = rows.map((row) => {
    const access = (kind: string) =>
      row.cells
        .filter((c) => c.resource.startsWith(`${kind}:`))
        .map((c) => [visible(resourceId(c.resource)), visible(accessText(c)), visible(c.sources.join(', '))]);
    return {
      s: visible(row.subject),
      n: visible(row.name ?? ''),
      l: row.label,
      t: search.get(row)!,
      ...(row.byRole ? { r: byRoleText(row, facts) } : { i: access('integration'), p: access('pipe') }),
      f: row.findings.map((f) => [f.severity, f.code, visible(f.message)]),
    };
  });
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * What the filter matches a row on: who, their role, and every resource and source of theirs,
 * in lower case. An owner's or admin's row matches every resource: that list is made
 * once and shared by those rows.
 */
function searchTexts(rows: SubjectRow[], resources: string[]): Map<SubjectRow, string> {
  let everything: string | undefined;
  const texts = new Map<SubjectRow, string>();
  for (const row of rows) {
    const own = [row.subject, row.name ?? '', row.label];
    if (row.byRole) {
      everything ??= resources.join(' ').toLowerCase();
      texts.set(row, `${[...own, row.byRole].join(' ').toLowerCase()} ${everything}`);
    } else {
      const parts = new Set(own);
      for (const cell of row.cells) {
        parts.add(cell.resource).add(cell.access);
        for (const source of cell.sources) parts.add(source);
      }
      texts.set(row, [...parts].join(' ').toLowerCase());
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
    return `<tr data-subject="${escapeHtml(row.subject)}" data-text="${escapeHtml(search.get(row)!)}">${whoCell(row)}<td>${escapeHtml(row.label)}</td>${cells}</tr>`;
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
    return `<tr data-subject="${escapeHtml(row.subject)}" data-text="${escapeHtml(search.get(row)!)}">${whoCell(row)}<td>${escapeHtml(row.label)}</td><td>${list('integration')}</td><td>${list('pipe')}</td></tr>`;
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
  return `<details data-subject="${escapeHtml(row.subject)}" data-text="${escapeHtml(search)}"><summary><span class="id">${escapeHtml(row.subject)}</span>${row.name ? ` ${escapeHtml(row.name)}` : ''} · ${escapeHtml(row.label)}${count}</summary>
<ul class="access">${access || '<li>no integrations or pipes</li>'}</ul>${findings ? `\n<ul class="access">${findings}</ul>` : ''}</details>`;
}
