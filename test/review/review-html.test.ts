/// <reference lib="dom" />
// The HTML review as a person sees it, in headless Chromium (Debian's chromium package; .ci/run
// installs it): the summary counts, a finding, a cell of the matrix, the filter narrowing the rows,
// and the print layout (rows never cut across pages, headers repeated on each page). A screenshot is
// kept under test-artifacts/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReview, reviewFacts } from '../../src/app/review/review.js';
import { emptyState, type Member, type WorkspaceState } from '../../src/model/state.js';
import { renderReviewHtml } from '../../src/render/review-html.js';
import { DEEP } from '../helpers/depth.js';
import { tmpDir } from '../helpers/tmp.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
// A browser takes seconds to start: this runs in `npm run test:deep`, not in the developer's loop.
const found = DEEP && existsSync(CHROMIUM);
/** The reporter lists a skipped test by its name: where the browser is missing, the name says why. */
const TITLE = found
  ? 'the HTML review in Chromium'
  : DEEP
    ? `the HTML review in Chromium: SKIPPED, no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
    : 'the HTML review in Chromium: in npm run test:deep';
if (DEEP && !found) process.stderr.write(`${TITLE}\n`);

/** `size` members (80 by default: enough rows for the matrix to run over several printed pages). */
function workspace(size = 80): WorkspaceState {
  const members: Member[] = [
    { email: 'ana@acme.com', name: 'Ana', role: 'owner' },
    {
      email: 'evil@acme.com',
      name: '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>',
      role: 'member',
    },
    ...Array.from({ length: size - 2 }, (_, i): Member => ({ email: `m${i}@acme.com`, role: 'member' })),
  ];
  return {
    ...emptyState('acme', 'business'),
    members,
    integrations: [
      { id: 'stripe', tools: { find: 'read', refund: 'write', delete_customer: 'delete' } },
      { id: 'salesforce', tools: { search: 'read' } },
    ],
    pipes: [{ id: 'hiring' }, { id: 'purchases', visibility: 'public' }],
    grants: members.slice(1).map((m, i) => ({
      email: m.email,
      integration: 'stripe',
      profile: i % 3 === 0 ? 'full' : 'read-only',
      disabledTools: [],
    })),
    pipeMemberships: [{ pipe: 'hiring', email: 'm5@acme.com', level: 'member' }],
  };
}

describe.skipIf(!found)(TITLE, () => {
  let browser: Browser;
  let page: Page;
  const actual = workspace();
  const review = makeReview({ actual, desired: actual, teams: new Map(), asOf: '2026-11-22' });

  beforeAll(async () => {
    const file = join(tmpDir(), 'review.html');
    writeFileSync(file, renderReviewHtml(review, reviewFacts(actual)));
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(`file://${file}`);
    expect(requests).toEqual([]); // nothing loaded from anywhere
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the summary counts and the findings first', async () => {
    const count = (label: string) => page.$eval(`[data-count="${label}"] strong`, (el) => el.textContent);
    expect(await count('members')).toBe('80');
    expect(await count('integrations')).toBe('2');
    expect(await count('medium findings')).toBe(String(review.findings.filter((f) => f.severity === 'medium').length));
    const order = await page.$$eval('section', (sections) => sections.map((s) => s.id));
    expect(order).toEqual(['summary', 'findings', 'matrix', 'people']);
    const finding = await page.$eval('tr[data-code="delete-power"]', (row) => (row as HTMLElement).innerText);
    expect(finding).toContain('evil@acme.com');
    expect(finding).toContain('delete_customer');
  });

  it('shows each access in its cell, names as text, and no injected script ran', async () => {
    const cell = (subject: string, resource: string) =>
      page.$eval(`tr[data-subject="${subject}"] td[data-resource="${resource}"]`, (td) => ({
        text: (td as HTMLElement).innerText,
        title: td.getAttribute('title'),
      }));
    expect(await cell('m5@acme.com', 'pipe:hiring')).toEqual({ text: 'member', title: 'member; from direct' });
    expect(await cell('m0@acme.com', 'pipe:purchases')).toEqual({
      text: 'read-only',
      title: 'read-only; from public pipe',
    });
    expect(await cell('ana@acme.com', 'integration:salesforce')).toMatchObject({ text: 'full' });
    const name = await page.$eval('tr[data-subject="evil@acme.com"] th small', (el) => el.textContent);
    expect(name).toContain('<script>');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });

  it('narrows the rows to what the filter box holds', async () => {
    const visibleRows = () =>
      page.$$eval('#matrix tbody tr', (rows) => rows.filter((row) => !(row as HTMLElement).hidden).length);
    expect(await visibleRows()).toBe(80);
    await page.type('#filter', 'm7');
    await page.waitForFunction(() => document.getElementById('shown')!.textContent!.startsWith('9 of'));
    expect(await visibleRows()).toBe(9); // m7 and m70..m77
    await page.click('#filter', { count: 3 });
    await page.type('#filter', 'hiring');
    await page.waitForFunction(() => document.getElementById('shown')!.textContent!.startsWith('2 of'));
    expect(await visibleRows()).toBe(2); // the owner (admin everywhere) and m5
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.click('#filter', { count: 3 });
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.getElementById('shown')!.textContent!.startsWith('80 of'));
    await page.screenshot({ path: join(ARTIFACTS, 'review.png'), fullPage: false });
  });

  it('prints without cutting a row, with the headers on every page', async () => {
    await page.emulateMediaType('print');
    const layout = await page.evaluate(() => {
      const rows = Array.from(document.querySelectorAll('#matrix tbody tr, #findings tbody tr'));
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        rowBreaks: [...new Set(rows.map((row) => getComputedStyle(row).breakInside))],
        tallestRow: Math.max(...rows.map((row) => row.getBoundingClientRect().height)),
        matrixHead: style('#matrix thead').display,
        findingsHead: style('#findings thead').display,
        filter: style('.filter').display,
        scroller: style('.matrix-wrap').overflow,
      };
    });
    expect(layout.rowBreaks).toEqual(['avoid']);
    expect(layout.matrixHead).toBe('table-header-group');
    expect(layout.findingsHead).toBe('table-header-group');
    expect(layout.filter).toBe('none');
    expect(layout.scroller).toBe('visible'); // the whole table prints, not a scrolled window of it
    // A4 landscape less 12 mm margins is about 700 px high: every row fits a page, so "avoid" holds.
    expect(layout.tallestRow).toBeLessThan(200);
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(2);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'review.pdf'), pdf);
    await page.emulateMediaType('screen');
  }, 60_000);
});

describe.skipIf(!found)(`${TITLE}: a large review, its rows paged by the script`, () => {
  let browser: Browser;
  let page: Page;
  const actual = workspace(450);
  const review = makeReview({ actual, desired: actual, teams: new Map(), asOf: '2026-11-22' });
  const visibleRows = () => page.$$eval('#matrix tbody tr', (rows) => rows.length);

  beforeAll(async () => {
    const file = join(tmpDir(), 'review.html');
    // As a 10,000-member review is drawn, with the threshold lowered so 450 rows are "large".
    writeFileSync(file, renderReviewHtml(review, reviewFacts(actual), { staticMaxRows: 100 }));
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.goto(`file://${file}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the first 200 rows and their sections, says how many match, and shows more on request', async () => {
    expect(await visibleRows()).toBe(200);
    expect(await page.$$eval('#people-list details', (sections) => sections.length)).toBe(200);
    expect(await page.$eval('#shown', (el) => el.textContent)).toBe('450 of 450 match, the first 200 shown');
    await page.click('#more');
    expect(await visibleRows()).toBe(400);
    const cell = await page.$eval('tr[data-subject="m5@acme.com"] li', (li) => ({
      text: (li as HTMLElement).innerText,
      title: li.getAttribute('title'),
    }));
    expect(cell).toEqual({ text: 'stripe full', title: 'full; from direct' });
  });

  it('filters the whole list, not only the rows shown, and keeps names as text', async () => {
    await page.type('#filter', 'm400@'); // beyond the first 200
    await page.waitForFunction(() => document.getElementById('shown')!.textContent!.startsWith('1 of 450'));
    expect(
      await page.$$eval('#matrix tbody tr', (rows) => rows.map((row) => row.getAttribute('data-subject'))),
    ).toEqual(['m400@acme.com']);
    await page.click('#filter', { count: 3 });
    await page.type('#filter', 'evil');
    await page.waitForSelector('tr[data-subject="evil@acme.com"]');
    expect(await page.$eval('#shown', (el) => el.textContent)).toBe('1 of 450 match');
    expect(await page.$eval('tr[data-subject="evil@acme.com"] small', (el) => el.textContent)).toContain('<script>');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });
});
