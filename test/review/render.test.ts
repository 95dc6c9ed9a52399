// The review's text renderings keep names inert: CSV that a spreadsheet opens as text (RFC 4180
// quoting, no formulas), Markdown where a name is never markup, a mention or a table column.
import { describe, expect, it } from 'vitest';
import type { Review, ReviewFacts } from '../../src/app/review/types.js';
import { csvField, renderReviewCsv } from '../../src/render/review-csv.js';
import { renderReviewMarkdown } from '../../src/render/review-markdown.js';
import { toHtml as markdownToHtml } from '../helpers/markdown.js';

const review: Review = {
  asOf: '2026-11-22',
  workspace: { name: 'acme', plan: 'business' },
  matrix: [
    {
      subject: '=HYPERLINK("http://evil.test","x")@acme.com',
      subjectType: 'member',
      resource: 'integration:stripe',
      access: 'full',
      disabledTools: ['refund', 'delete,all'],
      sources: ['team:a', 'direct'],
    },
    {
      subject: 'bot',
      subjectType: 'key',
      resource: 'integration:stripe',
      access: 'read-only',
      disabledTools: [],
      sources: ['key scope'],
    },
  ],
  findings: [
    { code: 'delete-power', severity: 'medium', subject: '@everyone|x', message: 'can delete on stripe <img src=x>' },
  ],
};
const facts: ReviewFacts = {
  members: [{ email: review.matrix[0]!.subject, name: '**Boss** | <b>x</b>', role: 'member' }],
  keys: [{ name: 'bot', type: 'workspace' }],
  integrations: ['stripe'],
  pipes: [],
};

describe('review CSV', () => {
  it('has a header and one CRLF row per matrix cell, quoted as RFC 4180 says', () => {
    const lines = renderReviewCsv(review).split('\r\n');
    expect(lines).toHaveLength(4); // header, two cells, and the empty string after the last CRLF
    expect(lines[0]).toBe('subject,subject_type,resource,access,disabled_tools,sources');
    expect(lines[1]).toBe(
      `"'=HYPERLINK(""http://evil.test"",""x"")@acme.com",member,integration:stripe,full,"refund delete,all",team:a; direct`,
    );
    expect(lines[2]).toBe('bot,key,integration:stripe,read-only,,key scope');
  });

  it('prefixes what a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvField(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('ana@acme.com')).toBe('ana@acme.com');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
  });
});

describe('review Markdown', () => {
  it('shows names and messages as text: no HTML, no mention, no extra column', () => {
    const html = markdownToHtml(renderReviewMarkdown(review, facts));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<strong>Boss');
    expect(html).toContain('&lt;img src=x&gt;');
    // The findings table keeps its four columns; the subject's "|" stays in its cell.
    const findingsRow = html.split('<tr>').find((row) => row.includes('delete-power'))!;
    expect(findingsRow.match(/<td>/g)).toHaveLength(4);
    expect(findingsRow).toContain('<code>@everyone</code>');
  });

  it('shows the workspace plan and a role as text too', () => {
    const hostile: Review = { ...review, workspace: { name: 'acme', plan: '<img src=p> **big**' } };
    const html = markdownToHtml(
      renderReviewMarkdown(hostile, { ...facts, members: [{ ...facts.members[0]!, role: '<b>r</b> | x' }] }),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<strong>big');
    const accessRow = html.split('<tr>').find((row) => row.includes('HYPERLINK'))!;
    expect(accessRow.match(/<td>/g)).toHaveLength(4);
  });
});

describe('a review too long for an issue', () => {
  // 2,000 members, each with a finding and a row: more than either table alone would fit.
  const emails = Array.from({ length: 2000 }, (_, i) => `person${i}@elsewhere.io`);
  const big: Review = {
    ...review,
    matrix: emails.map((subject) => ({
      subject,
      subjectType: 'member' as const,
      resource: 'integration:stripe',
      access: 'read-only' as const,
      disabledTools: [],
      sources: ['direct'],
    })),
    findings: emails.map((subject) => ({
      code: 'external-person',
      severity: 'medium' as const,
      subject,
      message: 'a member from elsewhere.io, a domain none of the owners is from',
    })),
  };
  const bigFacts: ReviewFacts = { ...facts, members: emails.map((email) => ({ email, role: 'member' })), keys: [] };

  it('is whole without a limit, and within the limit cut between rows, with rows of both tables', () => {
    const whole = renderReviewMarkdown(big, bigFacts);
    expect(whole.length).toBeGreaterThan(200_000);
    const short = renderReviewMarkdown(big, bigFacts, { maxLength: 60_000, fullReviewAt: 'the artifact' });
    expect(short.length).toBeLessThanOrEqual(60_000);
    // Every line of the shortened review is a line of the whole one, or says what was left out.
    const wholeLines = new Set(whole.split('\n'));
    const added = short.split('\n').filter((line) => !wholeLines.has(line));
    expect(added).toEqual([
      expect.stringMatching(
        /^> \*\*Shortened to fit 60,000 characters:\*\* \d+ of 2000 findings, \d+ of 2000 rows of people and keys are shown here\. The whole review is in the artifact\.$/,
      ),
      expect.stringMatching(/^…and \d+ more findings, left out here: see the whole review in the artifact\.$/),
      expect.stringMatching(
        /^…and \d+ more rows of people and keys, left out here: see the whole review in the artifact\.$/,
      ),
    ]);
    const [, findings, rows] = added[0]!.match(/(\d+) of 2000 findings, (\d+) of 2000 rows/)!.map(Number);
    expect(findings).toBeGreaterThan(100);
    expect(rows).toBeGreaterThan(100);
    expect(added[1]).toContain(`…and ${2000 - findings!} more findings`);
    expect(added[2]).toContain(`…and ${2000 - rows!} more rows`);
  });
});
