// The style and the script of the HTML review, inlined into the one file (it loads nothing: the
// page's Content-Security-Policy forbids every fetch). Neither holds a value from the config.
import { ROWS_SHOWN } from './review-html-limits.js';

export const REVIEW_CSS = `
:root { --line: #d0d7de; --head: #f6f8fa; --high: #b42318; --medium: #b54708; --low: #175cd3; --info: #475467; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; padding: 16px 24px; max-width: 1600px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; break-after: avoid; }
.meta { color: #59636e; margin: 0; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 16px 0; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: var(--head); }
.counts strong { font-size: 18px; margin-right: 4px; }
table { border-collapse: separate; border-spacing: 0; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head); position: sticky; top: 0; z-index: 2; border-bottom: 2px solid var(--line); }
.sev { font-weight: 600; text-transform: uppercase; font-size: 12px; }
.sev-high { color: var(--high); } .sev-medium { color: var(--medium); } .sev-low { color: var(--low); } .sev-info { color: var(--info); }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
.filter { display: flex; gap: 12px; align-items: center; margin: 8px 0; }
.filter input { font: inherit; padding: 6px 10px; width: min(480px, 100%); border: 1px solid var(--line); border-radius: 6px; }
.matrix-wrap { overflow: auto; max-height: 75vh; border: 1px solid var(--line); border-radius: 6px; }
.matrix th.who { position: sticky; left: 0; background: #fff; z-index: 1; min-width: 220px; }
.matrix thead th.who { z-index: 3; background: var(--head); }
.grid thead th.res { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 500; }
.grid td { text-align: center; white-space: nowrap; }
td.a-full, td.a-admin { background: #fde7e7; } td.a-no-delete, td.a-member { background: #fff4e0; }
td.a-read-only, td.a-restricted-view { background: #eaf3ff; }
td.drift { outline: 2px dashed var(--high); outline-offset: -3px; }
.access { margin: 0; padding-left: 16px; }
small { color: #59636e; }
details { border-bottom: 1px solid var(--line); padding: 4px 0; content-visibility: auto; contain-intrinsic-size: auto 2em; }
details summary { cursor: pointer; }
[hidden] { display: none !important; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 9pt; max-width: none; padding: 0; }
  .filter { display: none; }
  .matrix-wrap { overflow: visible; max-height: none; border: 0; }
  thead { display: table-header-group; }
  thead th, .matrix th.who { position: static; }
  tr, li, details, .counts li { break-inside: avoid; page-break-inside: avoid; }
  .grid thead th.res { writing-mode: horizontal-tb; transform: none; white-space: normal; }
  details { content-visibility: visible; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * The filter box: shows only the rows and per-person sections whose text holds every word typed.
 * A small page holds every row as HTML and hides the others. A large one (rows in the
 * review-rows JSON) builds the first ROWS_SHOWN matches as elements, their values set as text
 * (never parsed as HTML), and "show more" adds the next ones. Work waits for a pause in typing.
 */
export const REVIEW_JS = `
(() => {
  const input = document.getElementById('filter');
  const shown = document.getElementById('shown');
  const data = document.getElementById('review-rows');
  const wordsOf = () => input.value.toLowerCase().split(/\\s+/).filter(Boolean);
  let apply;
  if (!data) {
    const rows = Array.from(document.querySelectorAll('[data-text]'));
    const total = rows.filter((row) => row.tagName === 'TR').length;
    apply = () => {
      const words = wordsOf();
      let count = 0;
      for (const row of rows) {
        const text = row.getAttribute('data-text');
        const match = words.every((word) => text.includes(word));
        row.hidden = !match;
        if (match && row.tagName === 'TR') count++;
      }
      shown.textContent = count + ' of ' + total + ' shown';
    };
  } else {
    const rows = JSON.parse(data.textContent);
    const body = document.querySelector('#matrix tbody');
    const people = document.getElementById('people-list');
    const more = document.getElementById('more');
    const page = ${ROWS_SHOWN};
    let limit = page;
    const el = (tag, text, className) => {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (className) node.className = className;
      return node;
    };
    const list = (items) => {
      const ul = el('ul', undefined, 'access');
      for (const [id, access, sources] of items) {
        const li = el('li');
        li.title = access + '; from ' + sources;
        li.append(el('span', id, 'id'), ' ' + access);
        ul.append(li);
      }
      return ul;
    };
    const matrixRow = (r) => {
      const tr = el('tr');
      tr.dataset.subject = r.s;
      const th = el('th', undefined, 'who');
      th.scope = 'row';
      th.append(el('span', r.s, 'id'));
      if (r.n) th.append(el('br'), el('small', r.n));
      const cells = r.r ? [el('td', r.r), el('td')] : [el('td'), el('td')];
      if (!r.r) { cells[0].append(list(r.i)); cells[1].append(list(r.p)); }
      tr.append(th, el('td', r.l), ...cells);
      return tr;
    };
    const person = (r) => {
      const details = el('details');
      details.dataset.subject = r.s;
      const summary = el('summary');
      summary.append(el('span', r.s, 'id'), (r.n ? ' ' + r.n : '') + ' · ' + r.l + (r.f.length ? ' · ' + r.f.length + ' finding' + (r.f.length === 1 ? '' : 's') : ''));
      const access = r.r ? el('ul', undefined, 'access') : list([...r.i.map(([id, a, s]) => ['integration:' + id, a, s]), ...r.p.map(([id, a, s]) => ['pipe:' + id, a, s])]);
      if (r.r) access.append(el('li', r.r));
      details.append(summary, access);
      if (r.f.length) {
        const ul = el('ul', undefined, 'access');
        for (const [severity, code, message] of r.f) {
          const li = el('li');
          li.append(el('span', severity, 'sev sev-' + severity), ' ', el('code', code), ' ' + message);
          ul.append(li);
        }
        details.append(ul);
      }
      return details;
    };
    apply = () => {
      const words = wordsOf();
      const matches = rows.filter((r) => words.every((word) => r.t.includes(word)));
      const visible = matches.slice(0, limit);
      body.replaceChildren(...visible.map(matrixRow));
      people.replaceChildren(...visible.map(person));
      shown.textContent = matches.length + ' of ' + rows.length + ' match' + (matches.length > visible.length ? ', the first ' + visible.length + ' shown' : '');
      more.hidden = matches.length <= visible.length;
    };
    more.addEventListener('click', () => { limit += page; apply(); });
    input.addEventListener('input', () => { limit = page; });
  }
  let timer;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 120); });
  apply();
})();
`;
