// Guards block a plan before any write; the plan is still made so it can be shown.
import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/model/state.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { FULL_CAPABILITIES, type ProviderCapabilities } from '../../src/model/capabilities.js';
import { emptyState } from '../../src/model/state.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { OPERATOR, planFor } from '../helpers/plan.js';

const member = (email: string, role: Member['role'] = 'member'): Member => ({ email, role, managed: true });
const owners = (n: number) => Array.from({ length: n }, (_, i) => member(`o${i}@x.io`, 'owner'));
const guardCodes = (plan: ReturnType<typeof planFor>) => plan.blocked.map((g) => g.code);

describe('guards', () => {
  it('keeps owners at or above policy.min_owners, even for a desired state that skipped validation', () => {
    const desired = { ...emptyState('test'), members: [member('m@x.io')] };
    const plan = makePlan({
      desired,
      actual: { ...emptyState('test'), members: [member('o@x.io', 'owner'), member('m@x.io')] },
      stateVersion: '1',
      policy: { ...DEFAULT_POLICY, minOwners: 2 },
      actor: OPERATOR,
      capabilities: FULL_CAPABILITIES,
      provider: 'test',
      today: '2026-11-22',
    });
    expect(plan.blocked).toEqual([
      {
        code: 'min-owners',
        message:
          'the plan would leave the workspace with 0 owners, and it needs at least 2 (policy.min_owners); keep or add owners in the config',
      },
    ]);
  });

  it('refuses a plan that locks out the credential applying it', () => {
    const actor = { name: 'me@x.io', role: 'owner' as const, keyName: 'my-key' };
    const actual = {
      members: [member('me@x.io', 'owner'), member('other@x.io', 'owner')],
      keys: [{ name: 'my-key', type: 'personal' as const, owner: 'me@x.io', scope: [], users: [], managed: false }],
    };
    const removed = planFor('members:\n  - { email: other@x.io, role: owner }\n', actual, { actor });
    expect(removed.blocked).toEqual([
      expect.objectContaining({ code: 'self-lockout', message: expect.stringContaining('removes me@x.io') }),
    ]);
    const demoted = planFor(
      'members:\n  - { email: other@x.io, role: owner }\n  - { email: me@x.io, role: member }\n',
      actual,
      { actor },
    );
    expect(demoted.blocked).toEqual([
      expect.objectContaining({ code: 'self-lockout', message: expect.stringContaining('makes me@x.io a member') }),
    ]);
    const revoked = planFor(
      'policy: { unmanaged: { keys: remove } }\nmembers:\n  - { email: other@x.io, role: owner }\n  - { email: me@x.io, role: owner }\n',
      actual,
      { actor },
    );
    expect(revoked.blocked.map((g) => g.message)).toEqual([
      'the plan revokes my-key, the key applying it; apply it with another key',
    ]);
    // Replacing it (a new owner) kills the secret applying the plan just the same.
    const replaced = planFor(
      'members:\n  - { email: other@x.io, role: owner }\n  - { email: me@x.io, role: owner }\nkeys:\n  - { name: my-key, type: personal, owner: other@x.io, deliver: { file: k } }\n',
      actual,
      { actor },
    );
    expect(replaced.blocked.map((g) => g.message)).toEqual([
      'the plan replaces my-key, the key applying it; apply it with another key',
    ]);
  });

  it('warns that a plan rotating the key applying it leaves the token dead', () => {
    const actor = { name: 'me@x.io', role: 'owner' as const, keyName: 'my-key' };
    const old = '2026-01-01T00:00:00.000Z';
    const actual = {
      members: [member('me@x.io', 'owner')],
      keys: [{ name: 'my-key', type: 'personal' as const, owner: 'me@x.io', scope: [], users: [], managed: true }].map(
        (key) => ({ ...key, createdAt: old, rotatedAt: old }),
      ),
    };
    const config = (every: string) =>
      `members:\n  - { email: me@x.io, role: owner }\nkeys:\n  - { name: my-key, type: personal, owner: me@x.io, rotate_every: ${every}, deliver: { file: k } }\n`;
    const rotating = planFor(config('90d'), actual, { actor });
    expect(rotating.changes.map((c) => c.change.kind)).toEqual(['key.rotate']);
    expect(rotating.blocked).toEqual([]);
    expect(rotating.warnings).toEqual([
      expect.objectContaining({ code: 'rotates-applying-key', message: expect.stringContaining('replace the token') }),
    ]);
    expect(planFor(config('999d'), actual, { actor }).warnings).toEqual([]);
  });

  it('refuses at plan time a change the credential has no power for', () => {
    const admin = { name: 'adm@x.io', role: 'admin' as const };
    const actual = { members: [member('o@x.io', 'owner'), member('adm@x.io', 'admin'), member('m@x.io')] };
    const promote = planFor(
      'members:\n  - { email: o@x.io, role: owner }\n  - { email: adm@x.io, role: admin }\n  - { email: m@x.io, role: admin }\n',
      actual,
      { actor: admin },
    );
    expect(promote.blocked).toEqual([
      {
        code: 'not-allowed',
        message:
          "adm@x.io is an admin, and only an owner may change m@x.io from member to admin; apply the plan with an owner's key",
      },
    ]);
    // Made for review (a pull request's plan, applied on merge with another key): not blocked by
    // the planning key's role, but it says what key the apply takes.
    const reviewed = planFor(
      'members:\n  - { email: o@x.io, role: owner }\n  - { email: adm@x.io, role: admin }\n  - { email: m@x.io, role: admin }\n',
      actual,
      { actor: admin, review: true },
    );
    expect(reviewed.blocked).toEqual([]);
    expect(reviewed.warnings[0]).toEqual({
      code: 'apply-needs-owner-key',
      message:
        "applying this plan takes an owner's key (the apply's ROSTER_TOKEN): only an owner may change m@x.io from member to admin",
    });
    const invite = planFor(
      'members:\n  - { email: o@x.io, role: owner }\n  - { email: adm@x.io, role: admin }\n  - { email: m@x.io, role: member }\n  - { email: n@x.io, role: member }\n',
      actual,
      { actor: admin },
    );
    expect(invite.blocked).toEqual([]);
    const asMember = planFor(
      'members:\n  - { email: o@x.io, role: owner }\n  - { email: n@x.io, role: member }\n',
      actual,
      { actor: { name: 'm@x.io', role: 'member' } },
    );
    expect(asMember.blocked).toContainEqual({
      code: 'not-allowed',
      message: 'm@x.io cannot change the workspace; use the personal key of an owner or admin',
    });
  });

  it('says what an admin may not do as sentences: each change an owner must make, in words', () => {
    const admin = { name: 'adm@x.io', role: 'admin' as const };
    const actual = {
      members: [
        member('o@x.io', 'owner'),
        member('adm@x.io', 'admin'),
        member('sam@acme.com'),
        member('old@x.io', 'admin'),
      ],
      integrations: [{ id: 'stripe', tools: {}, managed: true }],
      grants: [
        { email: 'old@x.io', integration: 'stripe', profile: 'full' as const, disabledTools: [], managed: true },
      ],
    };
    const plan = planFor(
      'integrations: { stripe: {} }\nmembers:\n  - { email: o@x.io, role: owner }\n  - { email: adm@x.io, role: admin }\n  - { email: sam@acme.com, role: admin }\n  - { email: new@x.io, role: owner }\n',
      actual,
      { actor: admin, allowRemovals: true },
    );
    expect(plan.blocked.map((g) => g.message)).toEqual([
      "adm@x.io is an admin, and only an owner may invite new@x.io as owner, change sam@acme.com from member to admin and remove old@x.io (admin); apply the plan with an owner's key",
    ]);
  });

  it('lets up to max_removals.count removals through, then limits the share, with an override', () => {
    const team = (n: number) => Array.from({ length: n }, (_, i) => member(`m${i}@x.io`));
    const keep = (n: number) =>
      `members:\n  - { email: o0@x.io, role: owner }\n${Array.from({ length: n }, (_, i) => `  - { email: m${i}@x.io, role: member }\n`).join('')}`;
    const actual = { members: [...owners(1), ...team(19)] }; // 20 members
    expect(guardCodes(planFor(keep(17), actual))).toEqual([]); // 2 removals: within count
    expect(guardCodes(planFor(keep(14), actual))).toEqual([]); // 5 removals: over count, but 25% of 20
    const blocked = planFor(keep(13), actual); // 6 removals: 30%
    expect(blocked.blocked).toEqual([
      {
        code: 'removal-budget',
        message: 'the plan removes 6 of 20 members (30%), more than policy.max_removals allows (2, or up to 25%)',
        override: '--allow-removals',
      },
    ]);
    expect(blocked.changes.filter((c) => c.change.kind === 'member.remove')).toHaveLength(6);
    expect(guardCodes(planFor(keep(13), actual, { allowRemovals: true }))).toEqual([]);
  });

  it('refuses to create a key whose secret would have nowhere to go', () => {
    const plan = planFor(
      'integrations: { stripe: {} }\nmembers:\n  - { email: o@x.io, role: owner }\nkeys:\n  - { name: bot, type: workspace, integrations: { stripe: read-only } }\n  - { name: gh, type: workspace, integrations: { stripe: read-only }, deliver: { github_secret: { repo: a/b, name: BOT } } }\n',
      { members: [member('o@x.io', 'owner')] },
    );
    expect(plan.blocked.map((g) => g.code)).toEqual(['no-delivery', 'unsupported']);
    expect(plan.blocked[0]!.message).toBe(
      'key bot needs deliver: { file: ... } to receive its new secret; it is never printed',
    );
  });

  it('sends new secrets only where the applier can put them: files from a terminal, repository secrets from the action', () => {
    const keys =
      'integrations: { stripe: {} }\nmembers:\n  - { email: o@x.io, role: owner }\nkeys:\n  - { name: file, type: workspace, integrations: { stripe: read-only }, deliver: { file: k } }\n  - { name: gh, type: workspace, integrations: { stripe: read-only }, deliver: { github_secret: { repo: a/b, name: BOT } } }\n';
    const actual = { members: [member('o@x.io', 'owner')] };
    const blocked = (delivery: 'file' | 'github') => planFor(keys, actual, { delivery }).blocked.map((g) => g.message);
    expect(blocked('file')).toEqual([
      'key gh is delivered to a GitHub secret, which only the GitHub Action does (command: apply); from a terminal, use deliver: { file: ... }',
    ]);
    // The runner's disk is gone after the job: a file there would lose the secret.
    expect(blocked('github')).toEqual([
      "key file is delivered to a file, which the GitHub Action cannot do (the runner's disk is gone after the job, and the secret with it); use deliver: { github_secret: { repo, name } }, or apply this key from a terminal",
    ]);
  });

  it('refuses at plan time what the provider cannot do: connect integrations, unknown roles and levels', () => {
    const limited: ProviderCapabilities = {
      ...FULL_CAPABILITIES,
      roles: ['owner', 'admin', 'member'],
      pipeLevels: ['member', 'admin'],
      connectsIntegrations: false,
    };
    const config =
      'integrations: { stripe: { tools: { charge: write } } }\npipes: { hiring: {} }\nmembers:\n  - { email: o@x.io, role: owner }\n  - { email: g@x.io, role: guest }\n  - { email: m@x.io, role: member, integrations: { stripe: read-only }, pipes: { hiring: restricted-view } }\n';
    const actual = { members: [member('o@x.io', 'owner')], pipes: [{ id: 'hiring' }] };
    expect(planFor(config, actual, { capabilities: limited }).blocked).toEqual([
      {
        code: 'unsupported',
        message: 'integration stripe must be connected in the workspace first; this provider cannot connect it',
      },
      { code: 'unsupported', message: 'this provider has no role guest, so it cannot invite g@x.io as guest' },
      {
        code: 'unsupported',
        message:
          'this provider has no pipe level restricted-view, so it cannot put m@x.io in pipe hiring as restricted-view',
      },
    ]);
    // A tool the workspace's integration lacks cannot be added either; the same catalog is fine.
    const lacking = { ...actual, integrations: [{ id: 'stripe', tools: {} }] };
    expect(planFor(config, lacking, { capabilities: limited }).blocked[0]).toEqual({
      code: 'unsupported',
      message:
        'integration stripe differs from the config (+charge (write)); this provider cannot change it, so change it in the workspace or in the config',
    });
    const connected = { ...actual, integrations: [{ id: 'stripe', tools: { charge: 'write' as const } }] };
    const messages = planFor(config, connected, { capabilities: limited }).blocked.map((g) => g.message);
    expect(messages.some((m) => m.includes('integration stripe'))).toBe(false);
    // Nor can it disconnect one that roster manages and the config dropped.
    const dropped = {
      ...connected,
      integrations: [...connected.integrations, { id: 'crm', tools: {}, managed: true }],
    };
    expect(planFor(config, dropped, { capabilities: limited }).blocked.map((g) => g.message)).toContain(
      'integration crm is no longer in the config; this provider cannot disconnect it, so disconnect it in the workspace',
    );
  });
});
