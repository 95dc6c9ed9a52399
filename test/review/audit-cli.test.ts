// `roster audit` as a user runs it: the history of a member removed by apply stays readable, the
// commit, pull request and approvers of applied changes are shown, tool decisions with their key,
// and the log is read page after page on both providers.
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/providers/provider.js';
import type { Change } from '../../src/model/changes.js';
import { roster, rosterAsync } from '../helpers/cli.js';
import { memberWithKey, STRIPE, startServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const config = (withSam: boolean) =>
  rootConfig(`provider: { type: local, path: state.db }
integrations:
  stripe: { tools: { find: read } }
members:
  - { email: ana@acme.com, role: owner }
${withSam ? '  - { email: sam@acme.com, role: member, integrations: { stripe: read-only } }\n' : ''}`);

describe('roster audit', () => {
  it("keeps a removed member's history readable, with the commit that applied each change", () => {
    const dir = tmpDir({ 'roster.yaml': config(true) });
    const env = { GITHUB_SHA: SHA };
    expect(roster(['apply', '--yes'], { cwd: dir, env }).code).toBe(0);
    writeFileSync(join(dir, 'roster.yaml'), config(false));
    const removed = roster(['apply', '--yes'], { cwd: dir, env });
    expect(removed.code, removed.stderr).toBe(0);

    const text = roster(['audit', '--member', 'SAM@acme.com'], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    const [header, ...rest] = text.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^TIME \(UTC\) +BY +ACTION +SUBJECT +DETAIL$/);
    expect(rest.at(-1)).toBe('3 records');
    const lines = rest.slice(0, -1);
    // Aligned: every column starts where its title does, after a space.
    const starts = ['BY', 'ACTION', 'SUBJECT', 'DETAIL'].map((title) => header!.indexOf(title));
    for (const line of lines) for (const start of starts) expect(line[start - 1], line).toBe(' ');
    expect(lines.map((line) => line.slice(starts[1]).split(' ')[0])).toEqual([
      'member.invite',
      'grant.set',
      'member.remove',
    ]);
    expect(lines.every((line) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}/.test(line))).toBe(true);
    expect(lines.every((line) => line.includes(`commit ${SHA.slice(0, 12)}`))).toBe(true);
    expect(lines.every((line) => line.includes('sam@acme.com'))).toBe(true);

    const json = JSON.parse(roster(['audit', '--member', 'sam@acme.com', '--format', 'json'], { cwd: dir }).stdout);
    expect((json.records as AuditRecord[]).map((r) => r.action)).toEqual([
      'member.invite',
      'grant.set',
      'member.remove',
    ]);
    expect(roster(['audit', '--since', '2999-01-01'], { cwd: dir }).stdout).toBe('no audit records match\n');
  });

  it('refuses a --since that is no date, and a workspace that does not exist', () => {
    const dir = tmpDir({ 'roster.yaml': config(true) });
    const missing = roster(['audit'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('does not exist')]);
    const bad = roster(['audit', '--since', 'last week'], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('--since must be a date')]);
  });

  it('shows pull requests, approvers and the decisions made with a key over http, reading every page', async () => {
    const server = await startServer();
    const secrets = await server.seed([STRIPE, ...memberWithKey('fin@x.io', 'member')]);
    const merged = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [
        { kind: 'grant.set', email: 'fin@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
      ],
      context: { commit: SHA, pullRequest: 42, approvers: ['bob', 'cy'] },
    });
    expect(merged.status).toBe(200);
    await server.call(secrets['fin-key'], 'POST', '/v1/authorize', { integration: 'stripe', tool: 'find_customer' });
    await server.call(secrets['fin-key'], 'POST', '/v1/authorize', { integration: 'stripe', tool: 'delete_customer' });
    // More records than one page holds (1000).
    const pipes: Change[] = Array.from({ length: 1200 }, (_, i) => ({ kind: 'pipe.create', id: `p${i}` }));
    await server.seed(pipes);

    const dir = tmpDir({ 'roster.yaml': rootConfig('provider: { type: http }\n') });
    const env = { ROSTER_URL: server.url, ROSTER_TOKEN: server.ownerKey };
    const all = await rosterAsync(['audit', '--format', 'json'], { cwd: dir, env });
    expect(all.code, all.stderr).toBe(0);
    const records = JSON.parse(all.stdout).records as AuditRecord[];
    expect(records.length).toBe(server.store.audit({}, 5000).items.length);
    expect(records.length).toBeGreaterThan(1200);

    const keyed = await rosterAsync(['audit', '--key', 'fin-key'], { cwd: dir, env });
    // The key's first request accepted fin's invitation, then came the two decisions.
    const [, accepted, ...decisions] = keyed.stdout.trim().split('\n');
    expect(accepted).toMatch(/fin@x\.io \(member, key fin-key\) {2,}member\.accept {2,}fin@x\.io/);
    expect(decisions).toHaveLength(3);
    expect(decisions[0]).toMatch(
      /fin@x\.io \(member, key fin-key\) {2,}tool\.allowed {2,}fin@x\.io {2,}stripe\/find_customer: /,
    );
    expect(decisions[1]).toContain('tool.denied');
    expect(decisions[2]).toBe('3 records');

    const fin = await rosterAsync(['audit', '--member', 'fin@x.io'], { cwd: dir, env });
    expect(fin.stdout).toContain(
      `fin@x.io  integration=stripe profile=read-only disabledTools=none; commit ${SHA.slice(0, 12)}, PR #42, approved by bob, cy`,
    );
  });
});
