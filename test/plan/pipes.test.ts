// Planning the Pipefy parts: pipe visibility and the workspace's pipe settings as changes, who may
// approve a pipe membership change, pending invitations, and billing for a guest who created a
// pipe on the server.
import { describe, expect, it } from 'vitest';
import type { Member, PipeMembership } from '../../src/model/state.js';
import { lines, planFor } from '../helpers/plan.js';
import { startServer } from '../helpers/server.js';

const OWNER: Member = { email: 'owner@x.io', role: 'owner', managed: true };
const OWNER_YAML = '  - { email: owner@x.io, role: owner }\n';
const member = (email: string, extra: Partial<Member> = {}): Member => ({
  email,
  role: 'member',
  managed: true,
  ...extra,
});
const inPipe = (email: string, level: PipeMembership['level']): PipeMembership => ({
  pipe: 'hiring',
  email,
  level,
  managed: true,
});

describe('planning pipes', () => {
  it('creates public pipes as public, and shows a pipe going public as an escalation', () => {
    const fresh = planFor(`pipes:\n  hiring: { visibility: public }\nmembers:\n${OWNER_YAML}`, { members: [OWNER] });
    expect(fresh.changes[0]!.change).toEqual({ kind: 'pipe.create', id: 'hiring', visibility: 'public' });

    const existing = { members: [OWNER], pipes: [{ id: 'hiring', visibility: 'private' as const, managed: true }] };
    const going = planFor(`pipes:\n  hiring: { visibility: public }\nmembers:\n${OWNER_YAML}`, existing);
    expect(lines(going)).toEqual(['pipe.update pipe:hiring: visibility private -> public']);
    expect(going.changes[0]).toMatchObject({
      change: { kind: 'pipe.update', id: 'hiring', visibility: 'public' },
      escalation: true,
    });
    // Absent is private, on both sides: nothing to do.
    expect(planFor(`pipes:\n  hiring: {}\nmembers:\n${OWNER_YAML}`, existing).changes).toEqual([]);
  });

  it('sets the settings the config declares, with an owner approval, and leaves the defaults alone', () => {
    const plan = planFor(`settings: { only_admins_manage_pipe_members: true }\nmembers:\n${OWNER_YAML}`, {
      members: [OWNER],
    });
    expect(plan.changes.map((c) => [c.change, c.summary, c.approval])).toEqual([
      [
        { kind: 'workspace.update', settings: { onlyAdminsManagePipeMembers: true } },
        'only_admins_manage_pipe_members false -> true',
        'owner',
      ],
    ]);
    const defaults = { onlyAdminsManagePipeMembers: false, guestsCanCreatePipes: true };
    expect(planFor(`members:\n${OWNER_YAML}`, { members: [OWNER], settings: defaults }).changes).toEqual([]);
  });

  it("names the pipe's admins as approvers of its membership changes, unless the settings reserve them", () => {
    const actual = {
      members: [OWNER, member('lead@x.io'), member('new@x.io')],
      pipes: [{ id: 'hiring', managed: true }],
      pipeMemberships: [inPipe('lead@x.io', 'admin'), inPipe('owner@x.io', 'admin')],
    };
    const config = (settings: string) =>
      `${settings}pipes:\n  hiring: {}\nmembers:\n${OWNER_YAML}  - { email: lead@x.io, role: member, pipes: { hiring: admin } }\n  - { email: new@x.io, role: member, pipes: { hiring: read-only } }\n`;
    const plan = planFor(config(''), actual, { allowRemovals: true });
    const change = plan.changes.find((c) => c.change.kind === 'pipe_member.set' && c.subject === 'new@x.io');
    expect(change).toMatchObject({ approval: 'admin', pipeAdmins: ['lead@x.io'] });
    const reserved = planFor(config('settings: { only_admins_manage_pipe_members: true }\n'), actual, {
      allowRemovals: true,
    });
    expect(reserved.changes.find((c) => c.subject === 'new@x.io')?.pipeAdmins).toBeUndefined();
  });

  it('points at invitations waiting more than 14 days, and shows a pending member leaving as a withdrawn invitation', () => {
    const plan = planFor(
      `members:\n${OWNER_YAML}  - { email: late@x.io, role: member }\n  - { email: fresh@x.io, role: member }\n`,
      {
        members: [
          OWNER,
          member('late@x.io', { pending: true, invitedAt: '2026-11-01T10:00:00.000Z' }),
          member('fresh@x.io', { pending: true, invitedAt: '2026-11-10T10:00:00.000Z' }),
          member('gone@x.io', { pending: true }),
        ],
      },
    );
    expect(plan.warnings.filter((w) => w.code === 'pending-invitations')).toEqual([
      {
        code: 'pending-invitations',
        message:
          '1 invitation has not been accepted in 14 days: late@x.io (invited 2026-11-01); resend it, or remove the member from the config to withdraw it; a billable seat is charged from acceptance',
      },
    ]);
    expect(lines(plan)).toContain('member.remove gone@x.io: withdraw the pending invitation (member)');
  });
});

describe('a guest who created a pipe on the server', () => {
  it('is a billable member to the plan too', async () => {
    const server = await startServer();
    await server.seed([{ kind: 'member.invite', email: 'guest@x.io', role: 'guest' }]);
    await server.seed([{ kind: 'pipe.create', id: 'ideas', createdBy: 'guest@x.io' }]);
    const { state } = server.store.snapshot();
    // The config still says guest: turning them back frees the seat the server started billing.
    const back = planFor(
      `pipes:\n  ideas: {}\nmembers:\n${OWNER_YAML}  - { email: guest@x.io, role: guest }\n`,
      state,
      { allowRemovals: true },
    );
    expect(back.changes.find((c) => c.change.kind === 'member.update')).toMatchObject({
      summary: 'role member -> guest',
      billing: -1,
    });
    // A config that records what happened changes nothing and bills nothing more.
    const kept = planFor(
      `pipes:\n  ideas: {}\nmembers:\n${OWNER_YAML}  - { email: guest@x.io, role: member, pipes: { ideas: admin } }\n`,
      state,
    );
    expect(kept.summary.billableSeats).toBe(0);
    expect(lines(kept).filter((line) => line.includes('guest@x.io'))).toEqual([
      'member.adopt guest@x.io: adopt: roster manages it from now on',
      'pipe_member.adopt guest@x.io: pipe ideas: adopt: roster manages it from now on',
    ]);
  });
});
