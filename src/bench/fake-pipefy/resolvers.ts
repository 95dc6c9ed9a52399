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
  const members = (roles: Map<string, string>) =>
    [...roles].map(([id, role_name]) => ({ role_name, user: state.users.get(id) }));
  const orgView = (org: FakeOrganization) => ({ ...org, members: () => members(org.roles) });
  const pipeView = (p: FakePipe) => ({ ...p, members: () => members(pipeMembers(p)) });

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
        for (const invite of args.input.emails) checkRole(invite.role_name, p !== undefined);
        const users = args.input.emails.map((invite) => state.userFor(invite.email));
        if (state.quirks.inviteWithoutEffect > 0) {
          state.quirks.inviteWithoutEffect--;
          return { effect: false, value: { success: true, users, errors: [] } };
        }
        let effect = false;
        for (const [index, invite] of args.input.emails.entries()) {
          const user = users[index]!;
          const orgRole = org.roles.get(user.id);
          if (!p) {
            if (orgRole === undefined) {
              org.roles.set(user.id, invite.role_name);
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
            p.roles.set(user.id, invite.role_name);
            effect = true;
          }
        }
        return { effect, value: { success: true, users, errors: [] } };
      }),

    setRole: (args: { input: ScopeInput & { member: { user_id: string; role_name: string } } }) =>
      record('mutation', 'setRole', args, () => {
        const { org, pipe: p } = writable(args.input);
        const { user_id, role_name } = args.input.member;
        checkRole(role_name, p !== undefined);
        const roles = p ? p.roles : org.roles;
        if (!roles.has(user_id)) return { effect: false, value: { success: false, member: null } };
        roles.set(user_id, role_name);
        return { effect: true, value: { success: true, member: { role_name, user: state.users.get(user_id) } } };
      }),

    removeUserFromOrg: (args: { input: { organization_id: string; email: string } }) =>
      record('mutation', 'removeUserFromOrg', args, () => {
        const { org } = writable({ organization_id: args.input.organization_id });
        const user = state.findUser(args.input.email);
        if (!user || !org.roles.has(user.id)) return { effect: false, value: { success: false } };
        org.roles.delete(user.id);
        for (const p of state.pipes.values()) if (p.organization === org.id) p.roles.delete(user.id);
        return { effect: true, value: { success: true } };
      }),

    removeUserFromRepo: (args: { input: { pipe_id: string; email: string } }) =>
      record('mutation', 'removeUserFromRepo', args, () => {
        const { pipe: p } = writable({ pipe_id: args.input.pipe_id });
        const user = state.findUser(args.input.email);
        if (!user || !p!.roles.delete(user.id)) return { effect: false, value: { success: false } };
        return { effect: true, value: { success: true } };
      }),
  };
}
