// `roster review` as a user runs it: on a local workspace made by apply, in every format, and on
// the http provider, whose usage (joined dates, last use of keys and grants) is the store's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/app/review/types.js';
import { todayUtc } from '../../src/model/dates.js';
import { HttpProvider } from '../../src/providers/http/http-provider.js';
import { roster, rosterAsync } from '../helpers/cli.js';
import { memberWithKey, STRIPE, startServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../schemas/review.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const CONFIG = rootConfig(`provider: { type: local, path: state.db }
integrations:
  stripe: { tools: { find: read, refund: write, delete_customer: delete } }
pipes:
  hiring: { name: Hiring }
teams:
  finance: { members: [fin@acme.com], integrations: { stripe: no-delete } }
members:
  - { email: ana@acme.com, name: Ana, role: owner }
  - { email: fin@acme.com, name: "=Fin, \\"the\\" <b>CFO</b>", role: member, pipes: { hiring: read-only } }
  - { email: solo@acme.com, role: member, integrations: { stripe: { profile: full, disabled_tools: [refund] } } }
keys:
  - { name: support-bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: bot.key } }
`);

function appliedWorkspace(): string {
  const dir = tmpDir({ 'roster.yaml': CONFIG });
  const applied = roster(['apply', '--yes'], { cwd: dir });
  expect(applied.code, applied.stderr).toBe(0);
  return dir;
}

describe('roster review', () => {
  it('writes JSON that the schema describes: the matrix with implicit access and sources, and the findings', () => {
    const dir = appliedWorkspace();
    const run = roster(['review', '--format', 'json', '--as-of', '2027-06-01'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const review = JSON.parse(run.stdout) as Review;
    expect(validate(review), JSON.stringify(validate.errors)).toBe(true);
    expect(review.asOf).toBe('2027-06-01');
    const cell = (subject: string, resource: string) =>
      review.matrix.find((c) => c.subject === subject && c.resource === resource);
    expect(cell('ana@acme.com', 'pipe:hiring')).toMatchObject({ access: 'admin', sources: ['role owner'] });
    expect(cell('fin@acme.com', 'integration:stripe')).toMatchObject({
      access: 'no-delete',
      sources: ['team:finance'],
    });
    expect(cell('solo@acme.com', 'integration:stripe')).toMatchObject({ access: 'full', disabledTools: ['refund'] });
    expect(cell('support-bot', 'integration:stripe')).toMatchObject({ subjectType: 'key', access: 'read-only' });
    const codes = review.findings.map((f) => `${f.code} ${f.subject}`);
    // Made today and never used: by mid 2027 the key is idle, solo's grant unused.
    expect(codes).toEqual(
      expect.arrayContaining([
        'delete-power solo@acme.com',
        'no-team solo@acme.com',
        'key-unused support-bot',
        'grant-unused solo@acme.com',
      ]),
    );
  });

  it('writes CSV with one row per matrix cell, and markdown and html to --out', () => {
    const dir = appliedWorkspace();
    const json = JSON.parse(roster(['review', '--format', 'json'], { cwd: dir }).stdout) as Review;
    const csv = roster(['review', '--format', 'csv'], { cwd: dir }).stdout;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(json.matrix.length + 1);
    expect(csv).toContain('solo@acme.com,member,integration:stripe,full,refund,direct\r\n');

    const md = roster(['review', '--format', 'markdown', '--out', 'review.md'], { cwd: dir });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stderr).toMatch(/wrote review\.md: \d+ matrix cells, \d+ findings/);
    const markdown = readFileSync(join(dir, 'review.md'), 'utf8');
    expect(markdown).toContain('## Findings');
    expect(markdown).toContain('| medium | delete-power | `solo@acme.com` |');
    expect(markdown).not.toContain('<b>'); // the member's name renders as text

    expect(roster(['review', '--format', 'html', '--out', 'review.html'], { cwd: dir }).code).toBe(0);
    const html = readFileSync(join(dir, 'review.html'), 'utf8');
    expect(html).toContain('&lt;b&gt;CFO&lt;/b&gt;');
    expect(html).not.toContain('<b>CFO');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/); // loads nothing
  });

  it('refuses a bad --as-of and a workspace that does not exist, changing nothing', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const missing = roster(['review'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist yet');
    const bad = roster(['review', '--as-of', '2026-02-30'], { cwd: appliedWorkspace() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--as-of must be a calendar date');
  });

  it('reads usage over http as the store records it, and says when each unused grant was last used', async () => {
    const server = await startServer();
    const secrets = await server.seed([
      STRIPE,
      ...memberWithKey('fin@x.io', 'member'),
      ...memberWithKey('idle@x.io', 'member'),
      { kind: 'grant.set', email: 'fin@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
      { kind: 'grant.set', email: 'idle@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
    ]);
    const used = await server.call(secrets['fin-key'], 'POST', '/v1/authorize', {
      integration: 'stripe',
      tool: 'find_customer',
    });
    expect(used.body.allowed).toBe(true);

    const usage = await new HttpProvider(server.url, server.ownerKey).usage();
    // The owner's key is used again by the very requests that read it: compare without its time.
    const settled = (u: typeof usage) => ({ ...u, keys: u.keys.filter((k) => k.name !== 'bootstrap-owner') });
    expect(settled(usage)).toEqual(settled(server.store.usage()));
    expect(usage.members.map((m) => m.email)).toEqual(['fin@x.io', 'idle@x.io', 'owner@x.io']);
    // Every grant, with when it was set; only fin's has been used.
    expect(
      usage.grants.map((g) => `${g.email} ${g.grantedAt ? 'set' : '?'} ${g.lastUsedAt ? 'used' : 'never'}`),
    ).toEqual(['fin@x.io set used', 'idle@x.io set never']);
    expect(settled(usage).keys.map((k) => k.name)).toEqual(['fin-key']);

    const dir = tmpDir({
      'roster.yaml': rootConfig(`provider: { type: http }
integrations:
  stripe: { tools: { find_customer: read, create_invoice: write, create_refund: write, delete_customer: delete } }
members:
  - { email: owner@x.io, role: owner }
  - { email: fin@x.io, role: member, integrations: { stripe: read-only } }
  - { email: idle@x.io, role: member, integrations: { stripe: read-only } }
`),
    });
    const env = { ROSTER_URL: server.url, ROSTER_TOKEN: server.ownerKey };
    const later = new Date(Date.now() + 100 * 86_400_000);
    const run = await rosterAsync(['review', '--format', 'json', '--as-of', todayUtc(later)], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    // Joined today: 100 days on, fin's grant was used 100 days ago too; both idle, fin last used.
    const unused = (JSON.parse(run.stdout) as Review).findings.filter((f) => f.code === 'grant-unused');
    expect(unused.map((f) => f.subject)).toEqual(['fin@x.io', 'idle@x.io']);
    expect(unused[0]!.message).toContain('last used');
    expect(unused[1]!.message).toContain('never used');
  });
});
