// Policies the plan enforces: personal key age and count, the update budget, owner approval for
// keys that carry an owner's or admin's access, and disconnecting integrations.
import { describe, expect, it } from 'vitest';
import type { Grant, Key, Member } from '../../src/model/state.js';
import { planFor } from '../helpers/plan.js';

const STRIPE = { id: 'stripe', tools: { find: 'read', refund: 'write' } as const, managed: true };
const CATALOG = 'integrations:\n  stripe: { tools: { find: read, refund: write } }\n';
const member = (email: string, role: Member['role'] = 'member'): Member => ({ email, role, managed: true });
const OWNER = member('owner@x.io', 'owner');
const selfService = (name: string, owner: string, createdAt: string): Key => ({
  name,
  type: 'personal',
  owner,
  scope: [],
  users: [],
  managed: false,
  createdAt,
  rotatedAt: createdAt,
});
const revocations = (plan: ReturnType<typeof planFor>) =>
  plan.changes.filter((c) => c.change.kind === 'key.revoke').map((c) => `${c.subject}: ${c.reason}`);

describe('policy.personal_keys', () => {
  const members = `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n  - { email: m@x.io, role: member }\n`;

  it('revokes self-service personal keys older than max_age, and rotates declared ones', () => {
    const plan = planFor(
      `policy:\n  personal_keys: { max_age: 90d }\n${members}keys:\n  - { name: declared, type: personal, owner: m@x.io, deliver: { file: d.key } }\n`,
      {
        members: [OWNER, member('m@x.io')],
        integrations: [STRIPE],
        keys: [
          selfService('fresh', 'm@x.io', '2026-10-01T00:00:00Z'),
          selfService('stale', 'm@x.io', '2026-01-01T00:00:00Z'),
          { ...selfService('declared', 'm@x.io', '2026-02-01T00:00:00Z'), managed: true },
        ],
      },
    );
    expect(revocations(plan)).toEqual(['key:stale: it is 325 days old; policy.personal_keys.max_age is 90 days']);
    expect(plan.changes.find((c) => c.change.kind === 'key.rotate')).toMatchObject({
      subject: 'key:declared',
      reason: 'the secret is 294 days old; policy.personal_keys.max_age is 90 days',
      summary: 'rotate the secret; secret to d.key; the old secret works until the new one is delivered',
    });
    expect(plan.warnings.map((w) => w.subject)).toEqual(['key:fresh']); // still a self-service key
  });

  it('keeps at most max_per_member, declared keys first, revoking the oldest self-service ones', () => {
    const plan = planFor(
      `policy:\n  personal_keys: { max_per_member: 2 }\n${members}keys:\n  - { name: declared, type: personal, owner: m@x.io, deliver: { file: d.key } }\n`,
      {
        members: [OWNER, member('m@x.io')],
        integrations: [STRIPE],
        keys: [
          { ...selfService('declared', 'm@x.io', '2026-11-01T00:00:00Z'), managed: true },
          selfService('newest', 'm@x.io', '2026-11-10T00:00:00Z'),
          selfService('middle', 'm@x.io', '2026-06-01T00:00:00Z'),
          selfService('oldest', 'm@x.io', '2026-03-01T00:00:00Z'),
          selfService('owners', 'owner@x.io', '2026-03-01T00:00:00Z'),
        ],
      },
    );
    const reason =
      'm@x.io has 4 personal keys; policy.personal_keys.max_per_member is 2 (the oldest self-service keys go first)';
    expect(revocations(plan)).toEqual([`key:middle: ${reason}`, `key:oldest: ${reason}`]);
    expect(plan.changes.every((c) => c.removalClass === 'keys')).toBe(true); // counted in the keys budget
  });
});

describe('update budget (policy.max_updates)', () => {
  const people = Array.from({ length: 8 }, (_, i) => `p${i}@x.io`);
  const actual = {
    members: [OWNER, ...people.map((email) => member(email, 'admin'))],
    integrations: [STRIPE],
    grants: people.map((email): Grant => ({
      email,
      integration: 'stripe',
      profile: 'full',
      disabledTools: [],
      managed: true,
    })),
  };
  const config = (role: string, profile: string, policy = '') =>
    `${policy}${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n${people
      .map((email) => `  - { email: ${email}, role: ${role}, integrations: { stripe: ${profile} } }\n`)
      .join('')}`;

  it('blocks a mass demotion and a mass profile change unless --allow-mass-changes', () => {
    const plan = planFor(config('member', 'read-only'), actual);
    expect(plan.blocked).toEqual([
      {
        code: 'update-budget',
        message: 'the plan changes 8 of 9 member roles (89%), more than policy.max_updates allows (5, or up to 25%)',
        override: '--allow-mass-changes',
      },
      {
        code: 'update-budget',
        message:
          'the plan changes 8 of 8 integration grants (100%), more than policy.max_updates allows (5, or up to 25%)',
        override: '--allow-mass-changes',
      },
    ]);
    expect(planFor(config('member', 'read-only'), actual, { allowMassChanges: true }).blocked).toEqual([]);
    // --allow-removals is not consent to mass updates.
    expect(planFor(config('member', 'read-only'), actual, { allowRemovals: true }).blocked).toHaveLength(2);
  });

  it('counts key replacements as key updates: moving every key to new owners needs consent too', () => {
    const keys: Key[] = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((name) => ({
      name,
      type: 'personal',
      owner: 'owner@x.io',
      scope: [],
      users: [],
      managed: true,
    }));
    const moved = `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n  - { email: p1@x.io, role: member }\nkeys:\n${keys
      .map((key) => `  - { name: ${key.name}, type: personal, owner: p1@x.io, deliver: { file: ${key.name} } }\n`)
      .join('')}`;
    const state = { ...actual, members: [OWNER, member('p1@x.io')], grants: [], keys };
    const plan = planFor(moved, state);
    expect(plan.changes.map((c) => c.change.kind)).toEqual(Array(6).fill('key.replace'));
    expect(plan.blocked).toEqual([
      {
        code: 'update-budget',
        message: 'the plan changes 6 of 6 keys (100%), more than policy.max_updates allows (5, or up to 25%)',
        override: '--allow-mass-changes',
      },
    ]);
    expect(planFor(moved, state, { allowMassChanges: true }).blocked).toEqual([]);
  });

  it('lets a few updates through, and reads its limits from the policy', () => {
    expect(planFor(config('admin', 'no-delete'), actual).blocked).toEqual([
      expect.objectContaining({ code: 'update-budget' }),
    ]);
    expect(planFor(config('admin', 'no-delete', 'policy:\n  max_updates: { count: 8 }\n'), actual).blocked).toEqual([]);
    const few = { ...actual, grants: actual.grants.slice(0, 3) };
    const fewConfig = config('admin', 'full').replace(
      /(p[3-7]@x\.io, role: admin), integrations: \{ stripe: full \}/g,
      '$1',
    );
    expect(planFor(fewConfig.replace(/stripe: full/g, 'stripe: no-delete'), few).blocked).toEqual([]);
  });
});

describe('keys that carry an owner or admin access', () => {
  const actual = {
    members: [OWNER, member('admin@x.io', 'admin'), member('m@x.io')],
    integrations: [STRIPE],
    keys: [
      { ...selfService('admins-agent', 'admin@x.io', '2026-11-01T00:00:00Z'), managed: true },
      { ...selfService('members-agent', 'm@x.io', '2026-11-01T00:00:00Z'), managed: true },
    ],
  };
  const base = `${CATALOG}members:\n  - { email: owner@x.io, role: owner }\n  - { email: admin@x.io, role: admin }\n  - { email: m@x.io, role: member }\n`;
  const admin = { name: 'admin@x.io', role: 'admin' as const };

  it('need an owner to create, replace, update or revoke them, and an admin credential is blocked', () => {
    const plan = planFor(
      `${base}keys:\n  - { name: owners-agent, type: personal, owner: owner@x.io, deliver: { file: o.key } }\n  - { name: members-agent, type: personal, owner: admin@x.io, deliver: { file: m.key } }\n`,
      actual,
      { actor: admin },
    );
    expect(plan.changes.map((c) => `${c.change.kind} ${c.subject} ${c.approval}`)).toEqual([
      'key.replace key:members-agent owner',
      'key.create key:owners-agent owner',
      'key.revoke key:admins-agent owner',
    ]);
    expect(plan.blocked).toEqual([
      expect.objectContaining({ code: 'not-allowed', message: expect.stringContaining('only an owner may') }),
    ]);
  });

  it("need an owner to update them, while a member's key is an admin's", () => {
    const plan = planFor(
      `${base.replace('role: member }', 'role: member, integrations: { stripe: full } }')}keys:\n  - { name: admins-agent, type: personal, owner: admin@x.io, integrations: { stripe: read-only } }\n  - { name: members-agent, type: personal, owner: m@x.io, integrations: { stripe: read-only } }\n`,
      {
        ...actual,
        grants: [{ email: 'm@x.io', integration: 'stripe', profile: 'full', disabledTools: [], managed: true }],
      },
      { actor: admin },
    );
    expect(plan.changes.map((c) => `${c.change.kind} ${c.subject} ${c.approval}`)).toEqual([
      'key.update key:admins-agent owner',
      'key.update key:members-agent admin',
    ]);
    expect(plan.blocked.map((g) => g.message)).toEqual([
      "admin@x.io is an admin, and only an owner may change key admins-agent (scope its owner's access -> read-only on stripe); apply the plan with an owner's key",
    ]);
  });
});

describe('disconnecting an integration', () => {
  it('is owner-approved, destructive, budgeted as integrations, and blocked when a key would keep no scope', () => {
    const scope = [{ integration: 'stripe', profile: 'read-only' as const, disabledTools: [] }];
    const plan = planFor('members:\n  - { email: owner@x.io, role: owner }\n  - { email: m@x.io, role: member }\n', {
      members: [OWNER, member('m@x.io')],
      integrations: [STRIPE, { id: 'hand-made', tools: {}, managed: false }],
      grants: [{ email: 'm@x.io', integration: 'stripe', profile: 'full', disabledTools: [], managed: true }],
      keys: [{ ...selfService('self', 'm@x.io', '2026-11-01T00:00:00Z'), scope }],
    });
    // The grant goes with the integration: no grant.remove of its own, not counted twice.
    expect(plan.changes.map((c) => c.change.kind)).toEqual(['integration.disconnect']);
    const disconnect = plan.changes[0]!;
    expect(disconnect).toMatchObject({
      change: { kind: 'integration.disconnect', id: 'stripe' },
      summary: 'disconnect; grants of m@x.io (full) go with it; keys self lose it from their scope',
      approval: 'owner',
      destructive: true,
      removalClass: 'integrations',
    });
    expect(plan.warnings.map((w) => w.code)).toContain('unmanaged-integration');
    expect(plan.blocked).toEqual([
      {
        code: 'disconnect-empties-key',
        message:
          'personal key self is scoped only to integrations this plan disconnects and would be left with no scope; revoke it or give it another integration first',
      },
    ]);
  });
});
