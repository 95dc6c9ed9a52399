// One change at a time in Pipefy: what a change's scope is, whether its effect holds now (read
// from Pipefy), and the mutation that makes it. Every write is sent once (the client never
// retries one); `success: false` or an `errors` list in the answer is a refusal.
import type { Change, ChangeKind } from '../../model/changes.js';
import { describeChange } from '../../model/changes.js';
import type { PipefyClient } from './client.js';
import { PipefyError } from './client.js';
import { levelFromPipefy, PIPEFY_COMPANY_ROLES, PIPEFY_PIPE_LEVELS } from './mapping.js';
import {
  type DeclaredPipe,
  type LiveMember,
  ORGANIZATION_SCOPE,
  pipeScope,
  readOrganization,
  readPipe,
} from './read.js';

const INVITE = `mutation Invite($input: InviteMembersInput!) { inviteMembers(input: $input) { success errors { index message } } }`;
const SET_ROLE = `mutation SetRole($input: SetRoleInput!) { setRole(input: $input) { success } }`;
const REMOVE_FROM_ORG = `mutation RemoveFromOrg($input: RemoveUserFromOrgInput!) { removeUserFromOrg(input: $input) { success } }`;
const REMOVE_FROM_PIPE = `mutation RemoveFromPipe($input: RemoveUserFromRepoInput!) { removeUserFromRepo(input: $input) { success } }`;

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
        return this.refusedUnlessSuccess(
          c,
          await this.client
            .mutate<{ removeUserFromOrg: { success?: boolean | null } | null }>(REMOVE_FROM_ORG, {
              input: { organization_id: org, email: c.email },
            })
            .then((data) => data.removeUserFromOrg),
        );
      case 'pipe_member.set': {
        const pipe = this.pipe(c.pipe);
        const member = this.leftAlone(c, await this.pipeMember(c.pipe, c.email));
        const level = PIPEFY_PIPE_LEVELS[c.level];
        if (member) return this.setRole({ pipe_id: pipe.pipefyId }, member.userId, level, c);
        return this.invite({ pipe_id: pipe.pipefyId }, c.email, level, c);
      }
      case 'pipe_member.remove':
        this.leftAlone(c, await this.pipeMember(c.pipe, c.email));
        return this.refusedUnlessSuccess(
          c,
          await this.client
            .mutate<{ removeUserFromRepo: { success?: boolean | null } | null }>(REMOVE_FROM_PIPE, {
              input: { pipe_id: this.pipe(c.pipe).pipefyId, email: c.email },
            })
            .then((data) => data.removeUserFromRepo),
        );
    }
  }

  private async invite(scope: Record<string, string>, email: string, roleName: string, change: Change) {
    const data = await this.client.mutate<{
      inviteMembers: { success?: boolean | null; errors?: { message?: string | null }[] | null } | null;
    }>(INVITE, { input: { ...scope, emails: [{ email, role_name: roleName }] } });
    const refusal = data.inviteMembers?.errors?.[0]?.message;
    if (refusal) throw new PipefyError('refused', `Pipefy refused ${describeChange(change)}: ${refusal}`, undefined);
    this.refusedUnlessSuccess(change, data.inviteMembers);
  }

  private async setRole(scope: Record<string, string>, userId: string, roleName: string, change: Change) {
    const data = await this.client.mutate<{ setRole: { success?: boolean | null } | null }>(SET_ROLE, {
      input: { ...scope, member: { user_id: userId, role_name: roleName } },
    });
    this.refusedUnlessSuccess(change, data.setRole);
  }

  /** `success: false` (or no payload) is Pipefy saying no. */
  private refusedUnlessSuccess(change: Change, payload: { success?: boolean | null } | null) {
    if (payload && payload.success !== false) return;
    throw new PipefyError('refused', `Pipefy answered that ${describeChange(change)} did not succeed`, undefined);
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
    return (await readPipe(this.client, this.pipe(pipe))).find((member) => member.email === email);
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
