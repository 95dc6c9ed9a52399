// Each workspace rule, with its code and the position it points at (found by a text marker).
import { describe, expect, it } from 'vitest';
import { rootConfig } from '../helpers/tmp.js';
import { validateFiles } from '../helpers/validate.js';

const CATALOG = `integrations:
  stripe: { tools: { find_customer: read, create_refund: write, delete_customer: delete } }
pipes:
  hiring: {}
`;
const OWNER = '  - { email: owner@x.io, role: owner }\n';

/** Validates a config made of the catalog, an owner and the given members/teams/keys YAML. */
function check(body: string, options: { plan?: string; policy?: string } = {}) {
  return validateFiles({
    'roster.yaml': rootConfig(`${options.policy ?? ''}${CATALOG}${body}`, options.plan),
  });
}

describe('workspace rules', () => {
  it('accepts a config that follows every rule', () => {
    const { result } = check(`members:\n${OWNER}`);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('rejects unknown integrations, pipes and tools with a suggestion', () => {
    const { result, found, pos } = check(
      `members:\n${OWNER}  - email: m@x.io\n    role: member\n    integrations: { strip: full, stripe: { profile: full, disabled_tools: [create_refnd] } }\n    pipes: { hirin: member }\n`,
    );
    expect(found).toEqual([
      `error unknown-integration ${pos('strip:')}`,
      `error unknown-tool ${pos('create_refnd')}`,
      `error unknown-pipe ${pos('hirin:')}`,
    ]);
    expect(result.diagnostics.map((d) => d.message.match(/did you mean "([^"]+)"/)?.[1])).toEqual([
      'stripe',
      'create_refund',
      'hiring',
    ]);
  });

  it('knows no tool named after an object property', () => {
    const { found, pos } = check(
      `members:\n${OWNER}  - email: m@x.io\n    role: member\n    integrations: { stripe: { profile: full, disabled_tools: [constructor] } }\n`,
    );
    expect(found).toEqual([`error unknown-tool ${pos('constructor')}`]);
  });

  it('rejects a team member, key owner or key user that is not a member', () => {
    const { found, pos } = check(
      `teams:\n  t: { members: [ghost@x.io] }\nmembers:\n${OWNER}keys:\n  - { name: k, type: personal, owner: nobody@x.io }\n  - { name: w, type: workspace, integrations: { stripe: read-only }, users: [gone@x.io] }\n`,
    );
    expect(found).toEqual([
      `error unknown-member ${pos('ghost@x.io')}`,
      `error unknown-member ${pos('nobody@x.io')}`,
      `error unknown-member ${pos('gone@x.io')}`,
    ]);
  });

  it('suggests a member only for a close typo of their email, and always names both fixes', () => {
    const members = ['owner@x.io', 'sam@acme.com', 'jonathan@acme.com', 'kim@acme.com', 'tim@acme.com'];
    const message = (email: string) =>
      check(
        `teams:\n  t: { members: [${email}] }\nmembers:\n${members
          .slice(1)
          .map((m) => `  - { email: ${m}, role: member }\n`)
          .join('')}${OWNER}`,
      ).result.diagnostics.find((d) => d.code === 'unknown-member')?.message;
    expect(message('jonahtan@acme.com')).toBe(
      'team t member jonahtan@acme.com is not in members: fix the email (did you mean jonathan@acme.com?), or add jonahtan@acme.com to members',
    );
    expect(message('sam@acme.co')).toContain('did you mean sam@acme.com?');
    // Another person's email one letter away is someone else, not a typo.
    expect(message('pam@acme.com')).toBe(
      'team t member pam@acme.com is not in members: fix the email, or add pam@acme.com to members',
    );
    expect(message('jim@acme.com')).not.toContain('did you mean');
    expect(message('sam@other.org')).not.toContain('did you mean');
  });

  it('compares emails case-insensitively for duplicates and references', () => {
    const { result, found, pos } = check(
      `teams:\n  t: { members: [OWNER@X.IO] }\nmembers:\n${OWNER}  - { email: Owner@x.io, role: member }\n`,
    );
    expect(found).toEqual([`error duplicate-email ${pos('Owner@x.io')}`]);
    expect(result.diagnostics[0]?.message).toContain(`already declared at ${pos('owner@x.io')}`);
  });

  it('rejects a name defined in two files, naming both places', () => {
    const { result, found, pos } = validateFiles({
      'roster.yaml': rootConfig(`include: [more.yaml]\n${CATALOG}members:\n${OWNER}`),
      'more.yaml': 'pipes:\n  hiring: { name: Hiring again }\n',
    });
    expect(found).toEqual([`error duplicate-name ${pos('hiring', 'more.yaml')}`]);
    expect(result.diagnostics[0]?.message).toBe(
      `pipes.hiring is already defined at ${pos('hiring')}; keep one definition`,
    );
  });

  it('rejects duplicate key names', () => {
    const { found, pos } = check(
      `members:\n${OWNER}keys:\n  - { name: k, type: personal, owner: owner@x.io }\n  - { name: k, type: personal, owner: owner@x.io }\n`,
    );
    expect(found).toEqual([`error duplicate-key-name ${pos('k,', 'roster.yaml', 2)}`]);
  });

  it('requires an owner, and at least policy.min_owners of them', () => {
    const none = check('members:\n  - { email: a@x.io, role: admin }\n');
    expect(none.found).toEqual([`error no-owner ${none.pos('workspace')}`]);
    const few = check(`members:\n${OWNER}`, { policy: 'policy: { min_owners: 2 }\n' });
    expect(few.found).toEqual([`error too-few-owners ${few.pos('2 }')}`]);
  });

  it('keeps guests and external guests away from pipes, integrations, teams and keys', () => {
    const { found, pos } = check(
      `teams:\n  t: { members: [g@x.io], pipes: { hiring: member } }\nmembers:\n${OWNER}  - { email: g@x.io, role: guest, integrations: { stripe: read-only } }\n  - { email: e@x.io, role: external-guest, pipes: { hiring: read-only } }\nkeys:\n  - { name: k, type: personal, owner: e@x.io }\n`,
    );
    expect(found).toEqual([
      `error guest-with-access ${pos('g@x.io')}`,
      `error guest-with-access ${pos('integrations: { stripe: read')}`,
      `error guest-with-access ${pos('pipes: { hiring: read')}`,
      `error guest-with-access ${pos('e@x.io', 'roster.yaml', 2)}`,
    ]);
  });

  it('warns that grants on owners and admins are redundant', () => {
    const { result, found, pos } = check(
      `members:\n${OWNER}  - { email: a@x.io, role: admin, integrations: { stripe: full } }\n`,
    );
    expect(found).toEqual([`warning redundant-grant ${pos('integrations: { stripe: full')}`]);
    expect(result.ok).toBe(true);
  });

  it('warns, with where the team grant is, that a direct grant a team already covers is redundant', () => {
    const { result, found, pos } = check(
      `teams:\n  sales: { members: [m@x.io, n@x.io, o@x.io], integrations: { stripe: { profile: full, disabled_tools: [create_refund] } } }\nmembers:\n${OWNER}  - { email: m@x.io, role: member, integrations: { stripe: { profile: no-delete, disabled_tools: [create_refund] } } }\n  - { email: n@x.io, role: member, integrations: { stripe: no-delete } }\n  - { email: o@x.io, role: member, integrations: { stripe: { profile: full, disabled_tools: [create_refund], expires: 2099-01-01 } } }\n`,
    );
    // n@x.io's direct grant gives create_refund, which the team takes away: it is not redundant.
    expect(found).toEqual([
      `warning redundant-grant ${pos('stripe: { profile: no-delete')}`,
      `warning redundant-grant ${pos('stripe: { profile: full, disabled_tools: [create_refund], expires')}`,
    ]);
    const team = pos('stripe: { profile: full, disabled_tools: [create_refund] } }');
    expect(result.diagnostics[0]!.message).toBe(
      `team sales already gives m@x.io full on stripe (${team}); this direct grant adds nothing: remove it, or give it more than the team does`,
    );
    expect(result.ok).toBe(true);
  });

  it('requires an owner on personal keys and a scope on workspace keys', () => {
    const { found, pos } = check(
      `members:\n${OWNER}keys:\n  - { name: p, type: personal }\n  - { name: w, type: workspace }\n  - { name: v, type: workspace, owner: owner@x.io, integrations: { stripe: read-only } }\n`,
    );
    expect(found).toEqual([
      `error personal-key-without-owner ${pos('{ name: p')}`,
      `error workspace-key-without-scope ${pos('{ name: w')}`,
      `error workspace-key-owner ${pos('owner:', 'roster.yaml', 1)}`,
    ]);
  });

  it("rejects a personal key scope beyond its owner's access, team grants included", () => {
    const { result, found, pos } = check(
      `teams:\n  t: { members: [m@x.io], integrations: { stripe: no-delete } }\nmembers:\n${OWNER}  - { email: m@x.io, role: member }\nkeys:\n  - { name: ok, type: personal, owner: m@x.io, integrations: { stripe: no-delete } }\n  - { name: too-much, type: personal, owner: m@x.io, integrations: { stripe: full } }\n`,
    );
    expect(found).toEqual([`error key-scope-exceeds-owner ${pos('stripe: full')}`]);
    expect(result.diagnostics[0]?.message).toContain('asks for full on stripe, but its owner m@x.io has no-delete');
  });

  it('accepts integrations: all on a workspace key only, and refuses any other word there', () => {
    const { result, found, pos } = check(
      `members:\n${OWNER}keys:\n  - { name: gateway, type: workspace, integrations: all }\n  - { name: mine, type: personal, owner: owner@x.io, integrations: all }\n  - { name: most, type: workspace, integrations: most }\n`,
    );
    expect(found).toEqual([
      `error all-integrations-personal-key ${pos('all }', 'roster.yaml', 2)}`,
      `error bad-value ${pos('most }')}`,
    ]);
    expect(result.diagnostics[0]?.message).toContain('integrations: all is for workspace keys');
  });

  it('enforces the starter plan: at most 10 owners/admins and no guests', () => {
    const admins = Array.from({ length: 10 }, (_, i) => `  - { email: a${i}@x.io, role: admin }\n`).join('');
    const { found, pos } = check(`members:\n${OWNER}${admins}  - { email: g@x.io, role: guest }\n`, {
      plan: 'starter',
    });
    expect(found).toEqual([`error starter-admin-limit ${pos('starter')}`, `error starter-guest ${pos('guest }')}`]);
  });

  it('warns about expired dates and rejects impossible ones', () => {
    const { result, found, pos } = check(
      `members:\n${OWNER}  - email: m@x.io\n    role: member\n    expires: 2026-01-31\n  - email: n@x.io\n    role: member\n    pipes: { hiring: { level: member, expires: 2027-02-30 } }\n`,
    );
    expect(found).toEqual([`warning expired ${pos('2026-01-31')}`, `error bad-date ${pos('2027-02-30')}`]);
    expect(result.ok).toBe(false);
  });

  it('rejects durations it cannot read', () => {
    const { found, pos } = check(
      `members:\n${OWNER}keys:\n  - { name: w, type: workspace, integrations: { stripe: read-only }, rotate_every: 3 months }\n`,
      { policy: 'policy: { personal_keys: { max_age: 1y } }\n' },
    );
    expect(found).toEqual([`error bad-duration ${pos('1y')}`, `error bad-duration ${pos('3 months')}`]);
  });
});

describe('policy.personal_keys.max_per_member', () => {
  it('refuses a config that declares more personal keys for one member than its policy allows', () => {
    const { found, pos, result } = check(
      `members:\n${OWNER}keys:\n  - { name: k1, type: personal, owner: owner@x.io, deliver: { file: a } }\n  - { name: k2, type: personal, owner: Owner@x.io, deliver: { file: b } }\n`,
      { policy: 'policy:\n  personal_keys: { max_per_member: 1 }\n' },
    );
    expect(found).toEqual([`error too-many-personal-keys ${pos('{ name: k2')}`]);
    expect(result.diagnostics[0]!.message).toContain('owner@x.io is declared 2 personal keys (from roster.yaml:');
    expect(result.diagnostics[0]!.message).toContain('max_per_member is 1');
  });
});
