// One change at a time in Pipefy: what a change's scope is, whether its effect holds now (read
// from Pipefy), and the mutation that makes it. Every write is sent once (the client never
// retries one) and judged by what Pipefy answers, in the shapes its own SDK reads: an invite took
// effect when the email is among `users` and not among `errors`, a role change when the answer's
// `member.role_name` is the role asked for, a pipe removal when the user's UUID is among
// `removedUsersUuids`. Removal from the company answers nothing to judge (`clientMutationId`
// alone): like every change, it is read back after (change-by-change.ts).
import type { Change, ChangeKind } from '../../model/changes.js';
import { describeChange } from '../../model/changes.js';
import { normalizeEmail } from '../../model/state.js';
import type { PipefyClient } from './client.js';
import { PipefyError } from './client.js';
import { levelFromPipefy, PIPEFY_COMPANY_ROLES, PIPEFY_PIPE_LEVELS } from './mapping.js';
import { INVITE_MEMBERS, REMOVE_MEMBERS_FROM_PIPE, REMOVE_USER_FROM_ORG, SET_ROLE } from './operations.js';
import {
  type DeclaredPipe,
  type LiveMember,
  type LivePipe,
  ORGANIZATION_SCOPE,
  pipeScope,
  readOrganization,
  readPipe,
} from './read.js';

export const PIPEFY_CHANGE_KINDS: readonly ChangeKind[] = [
  'member.invite',
  'member.update',
  'member.remove',
  'pipe_member.set',
  'pipe_member.remove',
];

type Supported = Extract<
  Change,
  { kind: 'member.invite' | 'member.update' | 'member.remove' | 'pipe_member.set' | 'pipe_member.remove' }
>;

export class PipefyChanges {
  constructor(
    private readonly client: PipefyClient,
    private readonly organizationId: string,
    private readonly pipes: ReadonlyMap<string, DeclaredPipe>,
  ) {}

  scopeOf(change: Change): string {
    const supported = this.supported(change);
    return supported.kind.startsWith('pipe_member.')
      ? pipeScope((supported as { pipe: string }).pipe)
      : ORGANIZATION_SCOPE;
  }

  async holds(change: Change): Promise<boolean> {
    const c = this.supported(change);
    switch (c.kind) {
      case 'member.invite':
        return (await this.orgMember(c.email))?.roleName === PIPEFY_COMPANY_ROLES[c.role];
      case 'member.update':
        return c.role === undefined || (await this.orgMember(c.email))?.roleName === PIPEFY_COMPANY_ROLES[c.role];
      case 'member.remove':
        return (await this.orgMember(c.email)) === undefined;
      case 'pipe_member.set':
        return (await this.pipeMember(c.pipe, c.email))?.roleName === PIPEFY_PIPE_LEVELS[c.level];
      case 'pipe_member.remove':
        return (await this.pipeMember(c.pipe, c.email)) === undefined;
    }
  }

  async apply(change: Change): Promise<void> {
    const c = this.supported(change);
    const org = this.organizationId;
    switch (c.kind) {
      case 'member.invite':
        return this.invite({ organization_id: org }, c.email, PIPEFY_COMPANY_ROLES[c.role], c);
      case 'member.update': {
        // A user's name is their own in Pipefy: only the role is roster's to set.
        if (c.role === undefined) return;
        const member = await this.orgMember(c.email);
        if (!member) throw cannot(c, `${c.email} is not a member of organization ${org}`);
        return this.setRole({ organization_id: org }, member.userId, PIPEFY_COMPANY_ROLES[c.role], c);
      }
      case 'member.remove':
        await this.client.mutate(REMOVE_USER_FROM_ORG, { organizationId: org, email: c.email });
        return;
      case 'pipe_member.set': {
        const pipe = this.pipe(c.pipe);
        const member = this.leftAlone(c, await this.pipeMember(c.pipe, c.email));
        const level = PIPEFY_PIPE_LEVELS[c.level];
        if (member) return this.setRole({ pipe_id: pipe.pipefyId }, member.userId, level, c);
        return this.invite({ pipe_id: pipe.pipefyId }, c.email, level, c);
      }
      case 'pipe_member.remove': {
        const live = await readPipe(this.client, this.pipe(c.pipe));
        const member = this.leftAlone(
          c,
          live.members.find((m) => m.email === c.email),
        );
        if (!member) throw cannot(c, `${c.email} is not a member of the pipe`);
        return this.removeFromPipe(live, member, c);
      }
    }
  }

  private async invite(scope: Record<string, string>, email: string, roleName: string, change: Change) {
    const answer = (
      await this.client.mutate(INVITE_MEMBERS, { input: { ...scope, emails: [{ email, role_name: roleName }] } })
    ).inviteMembers;
    // One row was sent: an error for it has index 0 (or none, as Pipefy has answered).
    const refusal = answer?.errors?.find((error) => error.index === 0 || error.index === null);
    if (refusal) throw cannot(change, `Pipefy answered: ${refusal.message ?? 'an error without a message'}`);
    if (!answer?.users?.some((user) => normalizeEmail(user.email) === email)) {
      throw cannot(change, `Pipefy's answer does not list ${email} among the users invited`);
    }
  }

  private async setRole(scope: Record<string, string>, userId: string, roleName: string, change: Change) {
    const answer = await this.client.mutate(SET_ROLE, {
      input: { ...scope, member: { user_id: userId, role_name: roleName } },
    });
    const now = answer.setRole?.member?.role_name;
    if (now !== roleName) {
      throw cannot(change, now ? `Pipefy answered that the role is "${now}"` : 'Pipefy answered with no member');
    }
  }

  private async removeFromPipe(pipe: LivePipe, member: LiveMember, change: Change) {
    const answer = (
      await this.client.mutate(REMOVE_MEMBERS_FROM_PIPE, {
        input: { pipeUuid: pipe.uuid, usersUuids: [member.userUuid] },
      })
    ).removeMembersFromPipe;
    if (answer?.removedUsersUuids?.includes(member.userUuid) && !answer.errors?.length) return;
    const why = answer?.errors?.[0] ?? `the answer does not list ${member.email} among the users removed`;
    throw cannot(change, `Pipefy answered: ${why}`);
  }

  /** A level roster has no name for (`creator`) is never changed or removed, whatever a plan says. */
  private leftAlone(change: Change, member: LiveMember | undefined): LiveMember | undefined {
    if (member && !levelFromPipefy(member.roleName))
      throw cannot(change, `${member.email} is "${member.roleName}" in the pipe, a level roster leaves alone`);
    return member;
  }

  private async orgMember(email: string): Promise<LiveMember | undefined> {
    return (await readOrganization(this.client, this.organizationId)).find((member) => member.email === email);
  }

  private async pipeMember(pipe: string, email: string): Promise<LiveMember | undefined> {
    return (await readPipe(this.client, this.pipe(pipe))).members.find((member) => member.email === email);
  }

  private pipe(id: string): DeclaredPipe {
    const pipe = this.pipes.get(id);
    if (!pipe)
      throw new PipefyError('unknown-pipe', `pipe ${id} is not declared with a pipefy_id in the config`, undefined);
    return pipe;
  }

  private supported(change: Change): Supported {
    if ((PIPEFY_CHANGE_KINDS as readonly string[]).includes(change.kind)) return change as Supported;
    throw new PipefyError(
      'unsupported',
      `the pipefy provider cannot carry out ${describeChange(change)}: it manages company members and pipe members only`,
      undefined,
    );
  }
}

function cannot(change: Change, why: string): PipefyError {
  return new PipefyError('refused', `cannot carry out ${describeChange(change)}: ${why}`, undefined);
}
