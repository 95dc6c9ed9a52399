// One person, one email. A pull request that adds "аna@acme.com" (Cyrillic а) as an owner next
// to ana@acme.com adds a second person that reviewers read as the first; an email spelled in
// another case is the same person wherever it arrives (config, CLI, server, audit filter).
import { describe, expect, it } from 'vitest';
import { skeleton } from '../../src/model/confusables.js';
import { roster } from '../helpers/cli.js';
import { planFor } from '../helpers/plan.js';
import { startServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';
import { validateFiles } from '../helpers/validate.js';

const CYRILLIC_A = '\u0430';

function members(...lines: string[]) {
  return rootConfig(`members:\n${lines.map((line) => `  - ${line}\n`).join('')}`);
}

describe('look-alike and differently spelled emails in a config', () => {
  it('refuses a look-alike of a declared email, naming both lines and the odd character', () => {
    const dir = tmpDir({
      'roster.yaml': members(
        '{ email: ana@acme.com, role: owner }',
        `{ email: ${CYRILLIC_A}na@acme.com, role: owner }`,
      ),
    });
    const run = roster(['validate'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain(
      `roster.yaml:5:14: error [duplicate-email] ${CYRILLIC_A}na@acme.com (it contains U+0430) looks the same as ana@acme.com, declared at roster.yaml:4:14`,
    );
  });

  it.each([
    ['another case', 'ANA@Acme.com'],
    ['a decomposed accent (NFD)', 'ana\u0301@acme.com'],
    ['a zero-width joiner', 'a\u200dna@acme.com'],
    ['full-width letters', '\uff41na@acme.com'],
  ])('treats %s as the same person', (_, other) => {
    const first = other.includes('\u0301') ? 'an\u00e1@acme.com' : 'ana@acme.com';
    const { result, found, pos } = validateFiles({
      'roster.yaml': members(`{ email: "${first}", role: owner }`, `{ email: "${other}", role: owner }`),
    });
    expect(result.ok).toBe(false);
    expect(found).toContain(`error duplicate-email ${pos(`"${other}"`)}`);
  });

  it('keeps people whose emails only look alike to a machine apart from people who differ', () => {
    const { result } = validateFiles({
      'roster.yaml': members('{ email: ana@acme.com, role: owner }', '{ email: anna@acme.com, role: owner }'),
    });
    expect(result.diagnostics).toEqual([]);
  });

  it.each([
    ['a trailing dot', 'bob@acme.com.'],
    ['an empty label', 'bob@acme..com'],
    ['a leading dot', '.bob@acme.com'],
    ['a space', 'bob smith@acme.com'],
    ['a control character', 'bob\\e@acme.com'],
    ['a bidirectional override', 'bob\\u202e@acme.com'],
    ['no domain dot', 'bob@localhost'],
  ])('refuses an email with %s, at its line and column', (_, email) => {
    const { result, found, pos } = validateFiles({
      'roster.yaml': `${members('{ email: owner@acme.com, role: owner }', `{ email: "${email}", role: member }`)}teams:\n  sales: { members: ["${email}"] }\n`,
    });
    expect(result.ok).toBe(false);
    expect(found).toContain(`error bad-value ${pos(`"${email}"`)}`);
    expect(found).toContain(`error bad-value ${pos(`"${email}"`, 'roster.yaml', 2)}`);
    expect(result.diagnostics.find((d) => d.code === 'bad-value')?.message).toContain('no trailing dot');
  });

  it('computes TR39 skeletons: NFD, prototypes, NFD again', () => {
    expect(skeleton(`${CYRILLIC_A}na@acme.com`)).toBe(skeleton('ana@acme.com'));
    expect(skeleton('paypal')).toBe(skeleton('p\u0430yp\u0430l'));
    expect(skeleton('\u00e9')).toBe(skeleton('e\u0301'));
    expect(skeleton('ana')).not.toBe(skeleton('anna'));
  });
});

describe('look-alikes of people already in the workspace', () => {
  it('warns, at the top of the plan, when a config invites a look-alike of an existing member', () => {
    const ana = { email: 'ana@acme.com', role: 'owner' as const, managed: true };
    const plan = planFor(`members:\n  - { email: ${CYRILLIC_A}na@acme.com, role: owner }\n`, { members: [ana] });
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        code: 'lookalike-email',
        message: expect.stringContaining(`${CYRILLIC_A}na@acme.com is invited, and looks like ana@acme.com`),
      }),
    ]);
    // Someone who merely resembles nobody gets no warning.
    expect(planFor('members:\n  - { email: ann@acme.com, role: owner }\n', { members: [ana] }).warnings).toEqual([]);
  });
});

describe('emails at the workspace API', () => {
  it('stores one spelling per person, whatever spelling a client sends', async () => {
    const server = await startServer();
    await server.seed([{ kind: 'member.invite', email: 'Bob@Acme.COM', role: 'member' }]);
    const again = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [{ kind: 'member.invite', email: 'bob@acme.com', role: 'member' }],
    });
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.body)).toContain('bob@acme.com is already a member');

    await server.seed([
      { kind: 'integration.connect', id: 'stripe', tools: { find: 'read' } },
      { kind: 'grant.set', email: 'BOB@acme.com', integration: 'stripe', profile: 'read-only', disabledTools: [] },
      { kind: 'member.update', email: 'bob@ACME.com', role: 'admin' },
    ]);
    const state = await server.call(server.ownerKey, 'GET', '/v1/state');
    expect(state.body.state.members.map((m: { email: string; role: string }) => `${m.email} ${m.role}`)).toEqual([
      'bob@acme.com admin',
      'owner@x.io owner',
    ]);
    expect(state.body.state.grants.map((g: { email: string }) => g.email)).toEqual(['bob@acme.com']);

    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?member=BOB%40Acme.com');
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'member.invite',
      'grant.set',
      'member.update',
    ]);
  });
});
