// The plan for every kind of change, in the order it applies, with sources and reasons.
import { describe, expect, it } from 'vitest';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import type { Grant, Member } from '../../src/model/state.js';
import { lines, planFor } from '../helpers/plan.js';

const CATALOG = `integrations:
  stripe: { tools: { find: read, invoice: write, refund: write, wipe: delete } }
pipes:
  hiring: { name: Hiring }
`;
const OWNER: Member = { email: 'owner@x.io', role: 'owner', managed: true };
const member = (email: string, role: Member['role'] = 'member', managed = true): Member => ({ email, role, managed });
const HIRING = { id: 'hiring', name: 'Hiring', managed: true };
const STRIPE = {
  id: 'stripe',
  tools: { find: 'read', invoice: 'write', refund: 'write', wipe: 'delete' } as const,
  managed: true,
};
/** The catalog of CATALOG, as the workspace has it. */
const CATALOG_STATE = { integrations: [STRIPE], pipes: [HIRING] };
const grant = (email: string, profile: Grant['profile'], extra: Partial<Grant> = {}): Grant => ({
  email,
  integration: 'stripe',
  profile,
  disabledTools: [],
  managed: true,
  ...extra,
});

describe('planning', () => {
  it('creates everything on an empty workspace, in order, counting billable seats', () => {
    const plan = planFor(
      `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n  - { email: m@x.io, role: member, integrations: { stripe: no-delete }, pipes: { hiring: member } }\n  - { email: g@x.io, role: guest }\nkeys:\n  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: bot.key } }\n`,
      { workspace: { name: '', plan: 'business' } },
    );
    expect(lines(plan)).toEqual([
      'workspace.update workspace: set name "test"',
      'integration.connect integration:stripe: connect with 4 tools',
      'pipe.create pipe:hiring: create',
      // Most privileged first: any prefix of the plan leaves the workspace an owner.
      'member.invite owner@x.io: invite as owner',
      'member.invite m@x.io: invite as member',
      'member.invite g@x.io: invite as guest',
      'pipe_member.set m@x.io: member in pipe hiring',
      'grant.set m@x.io: no-delete on stripe',
      // Where the new secret goes, relative to the config's folder, for the reviewer to check.
      'key.create key:bot: create workspace key, read-only on stripe; secret to bot.key',
    ]);
    expect(plan.summary).toEqual({ add: 8, change: 1, remove: 0, adopt: 0, billableSeats: 2 });
    expect(plan.blocked).toEqual([]);
  });

  it('updates roles and grants, promotions before demotions, removals last', () => {
    const plan = planFor(
      `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n  - { email: up@x.io, role: owner }\n  - { email: down@x.io, role: member }\n  - { email: m@x.io, role: member, integrations: { stripe: { profile: full, disabled_tools: [wipe] } } }\n`,
      {
        members: [
          OWNER,
          member('down@x.io', 'owner'),
          member('up@x.io', 'admin'),
          member('m@x.io'),
          member('gone@x.io'),
        ],
        integrations: [STRIPE],
        pipes: [HIRING],
        grants: [grant('m@x.io', 'read-only'), grant('gone@x.io', 'full')],
      },
    );
    expect(lines(plan)).toEqual([
      'member.update up@x.io: role admin -> owner',
      'member.update down@x.io: role owner -> member',
      'grant.set m@x.io: stripe: read-only -> full, disable wipe',
      'member.remove gone@x.io: remove member, losing full on stripe',
    ]);
    const [promotion, demotion, , removal] = plan.changes;
    expect(promotion).toMatchObject({ approval: 'owner', escalation: true, destructive: false });
    expect(demotion).toMatchObject({ approval: 'owner', destructive: true });
    expect(removal).toMatchObject({
      billing: -1,
      destructive: true,
      reason: 'removed from the config',
      removalClass: 'members',
    });
  });

  it('names the tools that stay disabled when a profile changes', () => {
    const plan = planFor(
      `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n  - { email: m@x.io, role: member, integrations: { stripe: { profile: full, disabled_tools: [refund, wipe] } } }\n`,
      {
        members: [OWNER, member('m@x.io')],
        integrations: [STRIPE],
        pipes: [HIRING],
        grants: [grant('m@x.io', 'no-delete', { disabledTools: ['refund'] })],
      },
    );
    expect(lines(plan)).toEqual(['grant.set m@x.io: stripe: no-delete -> full (still without refund), disable wipe']);
  });

  it('shows every source of a combined grant, team and direct', () => {
    const plan = planFor(
      `${CATALOG}teams:\n  sales: { members: [m@x.io], integrations: { stripe: no-delete } }\nmembers:\n  - { email: owner@x.io, role: owner }\n  - { email: m@x.io, role: member, integrations: { stripe: read-only } }\n`,
      { members: [OWNER, member('m@x.io')], integrations: [STRIPE], pipes: [HIRING] },
    );
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({ summary: 'no-delete on stripe', action: 'create' });
    expect(plan.changes[0]!.origins!.map((o) => `${o.via} ${o.source!.line}`)).toEqual(['team:sales 8', 'direct 11']);
  });

  it("sets, moves and takes away a member's last day, so the server can refuse them after it", () => {
    const yaml = (ends: string) =>
      `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n  - { email: temp@x.io, role: member${ends} }\n  - { email: new@x.io, role: member, expires: 2027-03-31 }\n`;
    const dated = { ...member('temp@x.io'), expires: '2027-01-31' };
    expect(lines(planFor(yaml(', expires: 2027-02-28'), { ...CATALOG_STATE, members: [OWNER, dated] }))).toEqual([
      'member.invite new@x.io: invite as member until 2027-03-31',
      'member.update temp@x.io: last day 2027-02-28',
    ]);
    const undated = planFor(yaml(''), { ...CATALOG_STATE, members: [OWNER, dated] });
    expect(undated.changes.find((c) => c.subject === 'temp@x.io')?.change).toEqual({
      kind: 'member.update',
      email: 'temp@x.io',
      expires: null,
    });
    expect(lines(planFor(yaml(', expires: 2027-01-31'), { ...CATALOG_STATE, members: [OWNER, dated] }))).toEqual([
      'member.invite new@x.io: invite as member until 2027-03-31',
    ]);
    // A platform that keeps no last day is not asked to: its plans alone remove the member.
    const without = planFor(
      yaml(', expires: 2027-02-28'),
      { ...CATALOG_STATE, members: [OWNER, member('temp@x.io')] },
      {
        capabilities: { ...FULL_CAPABILITIES, memberExpiry: false },
      },
    );
    expect(lines(without)).toEqual(['member.invite new@x.io: invite as member']);
  });

  it('creates a workspace key scoped to all integrations as the broad escalation it is, and narrows it', () => {
    const yaml = (scope: string) =>
      `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\nkeys:\n  - { name: gateway, type: workspace, integrations: ${scope}, deliver: { file: gw.key } }\n`;
    const created = planFor(yaml('all'), { ...CATALOG_STATE, members: [OWNER] });
    expect(created.changes[0]).toMatchObject({
      change: { kind: 'key.create', name: 'gateway', type: 'workspace', scope: [], allIntegrations: true },
      summary:
        'create workspace key, every tool of every integration, present and future (integrations: all); secret to gw.key',
      escalation: true,
      approval: 'admin',
    });
    const key = {
      name: 'gateway',
      type: 'workspace' as const,
      scope: [],
      allIntegrations: true as const,
      users: [],
      managed: true,
      createdAt: '2026-11-01T00:00:00Z',
      rotatedAt: '2026-11-01T00:00:00Z',
    };
    expect(lines(planFor(yaml('all'), { ...CATALOG_STATE, members: [OWNER], keys: [key] }))).toEqual([]);
    const narrowed = planFor(yaml('{ stripe: read-only }'), { ...CATALOG_STATE, members: [OWNER], keys: [key] });
    expect(lines(narrowed)).toEqual([
      'key.update key:gateway: scope every tool of every integration, present and future (integrations: all) -> read-only on stripe',
    ]);
    expect(narrowed.changes[0]!.escalation).toBe(false);
  });

  it('removes, warns about or ignores what is not in the config, by policy', () => {
    const actual = {
      members: [OWNER, member('hand@x.io', 'member', false), member('bot@ops.x.io', 'member', false)],
      integrations: [STRIPE],
      pipes: [HIRING],
      grants: [grant('owner@x.io', 'full', { managed: false })],
      keys: [
        { name: 'self-made', type: 'personal' as const, owner: 'owner@x.io', scope: [], users: [], managed: false },
      ],
    };
    const owner = `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n`;
    const byDefault = planFor(owner, actual);
    expect(lines(byDefault)).toEqual([
      'grant.remove owner@x.io: full on stripe',
      'member.remove bot@ops.x.io: remove member',
      'member.remove hand@x.io: remove member',
    ]);
    expect(byDefault.changes.every((c) => c.unmanaged)).toBe(true);
    expect(byDefault.changes[1]!.reason).toBe('not in the config (policy unmanaged.members: remove)');
    expect(byDefault.warnings.map((w) => w.code)).toEqual(['unmanaged-key']);

    const lenient = planFor(
      `policy:\n  unmanaged: { members: warn, grants: ignore, keys: remove }\n  ignore: { members: ['*@ops.x.io'] }\n${owner}`,
      actual,
    );
    expect(lines(lenient)).toEqual(['key.revoke key:self-made: revoke']);
    expect(lenient.warnings.map((w) => `${w.code} ${w.subject}`)).toEqual(['unmanaged-member hand@x.io']);
  });

  it("leaves a removed member's grants and personal keys to the removal", () => {
    const plan = planFor(`${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n`, {
      members: [OWNER, member('leaver@x.io')],
      integrations: [STRIPE],
      grants: [grant('leaver@x.io', 'full')],
      pipes: [HIRING],
      pipeMemberships: [{ pipe: 'hiring', email: 'leaver@x.io', level: 'admin', managed: true }],
      keys: [{ name: 'leaver-agent', type: 'personal', owner: 'leaver@x.io', scope: [], users: [], managed: true }],
    });
    expect(lines(plan)).toEqual([
      'member.remove leaver@x.io: remove member, losing full on stripe, admin in pipe hiring; personal keys leaver-agent die with them',
    ]);
  });

  it('rotates keys that are too old or whose users have all left', () => {
    const scope = [{ integration: 'stripe', profile: 'read-only' as const, disabledTools: [] }];
    const plan = planFor(
      `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\nkeys:\n  - { name: old, type: workspace, integrations: { stripe: read-only }, rotate_every: 30d, deliver: { file: a } }\n  - { name: orphan, type: workspace, integrations: { stripe: read-only }, deliver: { file: b } }\n`,
      {
        members: [OWNER],
        integrations: [STRIPE],
        pipes: [HIRING],
        keys: [
          { name: 'old', type: 'workspace', scope, users: [], managed: true, rotatedAt: '2026-09-01T00:00:00Z' },
          {
            name: 'orphan',
            type: 'workspace',
            scope,
            users: ['left@x.io'],
            managed: true,
            rotatedAt: '2026-11-20T00:00:00Z',
          },
        ],
      },
    );
    expect(plan.changes.map((c) => `${c.change.kind} ${c.subject} ${c.reason ?? ''}`.trim())).toEqual([
      'key.rotate key:old the secret is 82 days old; rotate_every is 30 days',
      'key.rotate key:orphan every listed user has left (left@x.io)',
      'key.update key:orphan',
    ]);
  });

  it('rotates in two steps, and rotates again a key whose earlier rotation never finished', () => {
    const scope = [{ integration: 'stripe', profile: 'read-only' as const, disabledTools: [] }];
    const plan = planFor(
      `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\nkeys:\n  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: a } }\n`,
      {
        members: [OWNER],
        integrations: [STRIPE],
        pipes: [HIRING],
        keys: [
          {
            name: 'bot',
            type: 'workspace',
            scope,
            users: [],
            managed: true,
            rotatedAt: '2026-11-01T00:00:00Z',
            rotationPending: '2026-11-20T09:30:00.000Z',
          },
        ],
      },
    );
    expect(plan.changes).toMatchObject([
      {
        change: { kind: 'key.rotate', name: 'bot', stage: true },
        reason:
          'a rotation begun 2026-11-20 09:30 UTC was never finished (its new secret was not delivered); the old secret still works',
        finishesRotation: true,
      },
    ]);
  });

  it('has the same digest for the same changes, and a different one otherwise', () => {
    const config = `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n`;
    expect(planFor(config).digest).toBe(planFor(config).digest);
    expect(planFor(config).digest).not.toBe(planFor(`${config}  - { email: b@x.io, role: member }\n`).digest);
    expect(planFor(config).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
