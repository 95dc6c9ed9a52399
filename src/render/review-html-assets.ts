// The style and the script of the HTML review, inlined into the one file (it loads nothing: the
// page's Content-Security-Policy forbids every fetch). Neither holds a value from the config.

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
 * The filter box: hides matrix rows and per-person sections whose text does not hold every word
 * typed. Rows carry their search text in data-text (lower case), so a keystroke at 10,000 rows is
 * one pass of string tests; the work waits for a pause in typing.
 */
export const REVIEW_JS = `
(() => {
  const input = document.getElementById('filter');
  const shown = document.getElementById('shown');
  const rows = Array.from(document.querySelectorAll('[data-text]'));
  const matrixRows = rows.filter((row) => row.tagName === 'TR');
  let timer;
  const apply = () => {
    const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let count = 0;
    for (const row of rows) {
      const text = row.getAttribute('data-text');
      const match = words.every((word) => text.includes(word));
      row.hidden = !match;
      if (match && row.tagName === 'TR') count++;
    }
    shown.textContent = count + ' of ' + matrixRows.length + ' shown';
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, rows.length > 2000 ? 150 : 0); });
  apply();
})();
`;
