// What the fake Pipefy does for each root field, as one caller (the token's user): who may read
// and write which scope, and Pipefy's rules (implicit pipe admins, membership-scoped pipes,
// guests made members by a pipe invite, removal from the company taking every pipe with it).
import { GraphQLError } from 'graphql';
import {
  COMPANY_ADMIN_ROLES,
  type FakeOrganization,
  type FakePipe,
  type FakePipefyState,
  type FakeUser,
} from './state.js';

const ORG_ROLES = new Set(['super_admin', 'admin', 'normal', 'company_guest', 'external_guest']);
const PIPE_ROLES = new Set(['admin', 'member', 'my_cards_only', 'read_and_comment', 'creator']);

type Args = Record<string, unknown>;
interface ScopeInput {
  organization_id?: string | null;
  pipe_id?: string | null;
}

function refused(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export function rootFor(state: FakePipefyState, caller: FakeUser) {
  const record = (
    type: 'query' | 'mutation',
    field: string,
    args: Args,
    run: () => { effect: boolean; value: unknown },
  ) => {
    try {
      const { effect, value } = run();
      state.operations.push({ type, field, args, caller: caller.email, effect });
      return value;
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : 'INTERNAL';
      state.operations.push({ type, field, args, caller: caller.email, effect: false, error: code });
      throw error;
    }
  };

  // Pipefy answers PERMISSION_DENIED both for what exists and may not be seen and for what does not exist.
  const denied = () => refused('PERMISSION_DENIED', 'Permission denied');
  const organization = (id: string): FakeOrganization => {
    const org = state.organizations.get(id);
    if (!org?.roles.has(caller.id)) throw denied();
    return org;
  };
  const pipe = (id: string): FakePipe => {
    const found = state.pipes.get(id);
    if (!found) throw denied();
    const org = organization(found.organization);
    const visible = state.quirks.membershipScopedPipes ? found.roles.has(caller.id) : org.roles.has(caller.id);
    if (!visible) throw denied();
    return found;
  };
  const pipeMembers = (p: FakePipe): Map<string, string> => {
    const roles = new Map(p.roles);
    if (state.quirks.implicitPipeAdmins) {
      const org = state.organizations.get(p.organization)!;
      for (const [user, role] of org.roles) if (COMPANY_ADMIN_ROLES.has(role)) roles.set(user, 'admin');
    }
    return roles;
  };
  const members = (scope: string, roles: Map<string, string>) =>
    [...roles]
      .filter(([id]) => (state.showsFrom.get(`${scope}:${id}`) ?? 0) <= Date.now())
      .map(([id, role_name]) => ({ role_name, user: state.users.get(id) }));
  const orgView = (org: FakeOrganization) => ({ ...org, members: () => members(`org:${org.id}`, org.roles) });
  const pipeView = (p: FakePipe) => ({ ...p, members: () => members(`pipe:${p.id}`, pipeMembers(p)) });
  const added = (scope: string, user: FakeUser) => {
    if (state.quirks.listingLagMs > 0)
      state.showsFrom.set(`${scope}:${user.id}`, Date.now() + state.quirks.listingLagMs);
  };

  /** The scope a mutation writes in, which the caller must administer. */
  const writable = (input: ScopeInput): { org: FakeOrganization; pipe?: FakePipe } => {
    const given = [input.organization_id, input.pipe_id].filter((id) => id !== null && id !== undefined);
    if (given.length !== 1) throw refused('INVALID_INPUT', 'give exactly one of organization_id and pipe_id');
    const p = input.pipe_id ? pipe(input.pipe_id) : undefined;
    const org = organization(p ? p.organization : input.organization_id!);
    const companyAdmin = COMPANY_ADMIN_ROLES.has(org.roles.get(caller.id)!);
    if (!companyAdmin && p?.roles.get(caller.id) !== 'admin') throw denied();
    return p ? { org, pipe: p } : { org };
  };
  const checkRole = (role: string, pipeScope: boolean) => {
    if (!(pipeScope ? PIPE_ROLES : ORG_ROLES).has(role)) throw refused('INVALID_ROLE', `Invalid role: ${role}`);
  };

  return {
    me: () => record('query', 'me', {}, () => ({ effect: false, value: caller })),
    organization: (args: { id: string }) =>
      record('query', 'organization', args, () => ({ effect: false, value: orgView(organization(args.id)) })),
    pipe: (args: { id: string }) =>
      record('query', 'pipe', args, () => ({ effect: false, value: pipeView(pipe(args.id)) })),

    inviteMembers: (args: { input: ScopeInput & { emails: { email: string; role_name: string }[] } }) =>
      record('mutation', 'inviteMembers', args, () => {
        const { org, pipe: p } = writable(args.input);
        // Pipefy answers each row: the users it invited, and an error with the row's index for the rest.
        const users: FakeUser[] = [];
        const errors: { index: number; message: string }[] = [];
        const accepted: { user: FakeUser; role: string }[] = [];
        const refuseAll = state.quirks.inviteRefused > 0;
        if (refuseAll) state.quirks.inviteRefused--;
        for (const [index, invite] of args.input.emails.entries()) {
          if (refuseAll) {
            errors.push({ index, message: 'already invited' });
            continue;
          }
          if (!(p ? PIPE_ROLES : ORG_ROLES).has(invite.role_name)) {
            errors.push({ index, message: `Invalid role: ${invite.role_name}` });
            continue;
          }
          const user = state.userFor(invite.email);
          users.push(user);
          accepted.push({ user, role: invite.role_name });
        }
        const answer = { clientMutationId: null, users, errors };
        if (state.quirks.inviteWithoutEffect > 0 && accepted.length > 0) {
          state.quirks.inviteWithoutEffect--;
          return { effect: false, value: answer };
        }
        let effect = false;
        for (const { user, role } of accepted) {
          const orgRole = org.roles.get(user.id);
          if (!p) {
            if (orgRole === undefined) {
              org.roles.set(user.id, role);
              added(`org:${org.id}`, user);
              effect = true;
            }
            continue;
          }
          // Inviting to a pipe brings a newcomer into the company, and a guest becomes a (billable) member.
          if (orgRole === undefined || orgRole === 'company_guest' || orgRole === 'external_guest') {
            org.roles.set(user.id, 'normal');
            effect = true;
          }
          if (!p.roles.has(user.id)) {
            p.roles.set(user.id, role);
            added(`pipe:${p.id}`, user);
            effect = true;
          }
        }
        return { effect, value: answer };
      }),

    setRole: (args: { input: ScopeInput & { member: { user_id: string; role_name: string } } }) =>
      record('mutation', 'setRole', args, () => {
        const { org, pipe: p } = writable(args.input);
        const { user_id, role_name } = args.input.member;
        checkRole(role_name, p !== undefined);
        const roles = p ? p.roles : org.roles;
        // Someone who is not a member: no member in the answer (the toolkit's fixtures show the shape).
        if (!roles.has(user_id)) return { effect: false, value: { clientMutationId: null, member: null } };
        if (state.quirks.setRoleIgnored > 0) {
          state.quirks.setRoleIgnored--;
          const unchanged = { role_name: roles.get(user_id), user: state.users.get(user_id) };
          return { effect: false, value: { clientMutationId: null, member: unchanged } };
        }
        roles.set(user_id, role_name);
        return {
          effect: true,
          value: { clientMutationId: null, member: { role_name, user: state.users.get(user_id) } },
        };
      }),

    removeUserFromOrg: (args: { input: { organization_id: string; email: string } }) =>
      record('mutation', 'removeUserFromOrg', args, () => {
        const { org } = writable({ organization_id: args.input.organization_id });
        const user = state.findUser(args.input.email);
        // The payload is clientMutationId alone: only a read-back tells whether anything changed.
        if (!user || !org.roles.has(user.id)) return { effect: false, value: { clientMutationId: null } };
        org.roles.delete(user.id);
        for (const p of state.pipes.values()) if (p.organization === org.id) p.roles.delete(user.id);
        return { effect: true, value: { clientMutationId: null } };
      }),

    removeMembersFromPipe: (args: { input: { pipeUuid: string; usersUuids?: string[] | null } }) =>
      record('mutation', 'removeMembersFromPipe', args, () => {
        const found = [...state.pipes.values()].find((candidate) => candidate.uuid === args.input.pipeUuid);
        if (!found) throw denied();
        const { pipe: p } = writable({ pipe_id: found.id });
        const removed: string[] = [];
        const errors: string[] = [];
        for (const uuid of args.input.usersUuids ?? []) {
          const user = [...state.users.values()].find((candidate) => candidate.uuid === uuid);
          // A company admin is listed in every pipe but holds no membership there to remove.
          if (user && p!.roles.delete(user.id)) removed.push(uuid);
          else errors.push(`user ${uuid} is not a member of the pipe`);
        }
        return {
          effect: removed.length > 0,
          value: { success: errors.length === 0, removedUsersUuids: removed, errors },
        };
      }),
  };
}
