// `roster who`: who can use what, from a desired state (the config), with where each access comes
// from. The rules are the model's: grants from teams and the member's own entry are already
// combined (a union) with their origins; owners and admins use every integration with every tool
// and are admins of every pipe; keys belong to their owner and to the users they list.
import type { GrantOrigin, SourceRef, WorkspaceState } from '../model/state.js';
import { normalizeEmail } from '../model/state.js';
import { isPrivileged, type PipeLevel, type Profile, type Role } from '../model/vocabulary.js';

/** Where one access comes from: "direct", "team:<id>", or "role owner" / "role admin". */
export interface Via {
  via: string;
  source?: SourceRef;
}

export interface IntegrationAccess {
  email: string;
  integration: string;
  profile: Profile;
  disabledTools: string[];
  expires?: string;
  from: Via[];
}

export interface PipeAccess {
  email: string;
  pipe: string;
  level: PipeLevel;
  expires?: string;
  from: Via[];
}

export interface KeyAccess {
  name: string;
  type: 'personal' | 'workspace';
  /** "owner" of a personal key, "user" listed on a key. */
  as: 'owner' | 'user';
  email: string;
}

export type WhoAnswer =
  | {
      kind: 'member';
      email: string;
      name?: string;
      role: Role;
      integrations: IntegrationAccess[];
      pipes: PipeAccess[];
      keys: KeyAccess[];
    }
  | { kind: 'integration'; id: string; name?: string; members: IntegrationAccess[]; keys: string[] }
  | { kind: 'pipe'; id: string; name?: string; members: PipeAccess[] };

const byRole = (role: Role): Via[] => [{ via: `role ${role}` }];
const vias = (origins: GrantOrigin[] | undefined): Via[] => (origins?.length ? origins : [{ via: 'direct' }]);

/** Every answer for `target`: a member by email, else the integration and/or pipe with that id. */
export function who(state: WorkspaceState, target: string): WhoAnswer[] {
  if (target.includes('@')) {
    const email = normalizeEmail(target);
    const member = state.members.find((m) => m.email === email);
    if (!member) return [];
    return [
      {
        kind: 'member',
        email,
        ...(member.name ? { name: member.name } : {}),
        role: member.role,
        integrations: integrationAccess(state).filter((access) => access.email === email),
        pipes: pipeAccess(state).filter((access) => access.email === email),
        keys: keyAccess(state).filter((access) => access.email === email),
      },
    ];
  }
  const answers: WhoAnswer[] = [];
  const integration = state.integrations.find((i) => i.id === target);
  if (integration) {
    answers.push({
      kind: 'integration',
      id: integration.id,
      ...(integration.name ? { name: integration.name } : {}),
      members: integrationAccess(state).filter((access) => access.integration === target),
      keys: state.keys.filter((key) => key.scope.some((entry) => entry.integration === target)).map((key) => key.name),
    });
  }
  const pipe = state.pipes.find((p) => p.id === target);
  if (pipe) {
    answers.push({
      kind: 'pipe',
      id: pipe.id,
      ...(pipe.name ? { name: pipe.name } : {}),
      members: pipeAccess(state).filter((access) => access.pipe === target),
    });
  }
  return answers;
}

function integrationAccess(state: WorkspaceState): IntegrationAccess[] {
  const roles = new Map(state.members.map((member) => [member.email, member.role]));
  const privileged = state.members.filter((member) => isPrivileged(member.role));
  return [
    ...state.integrations.flatMap((integration) =>
      privileged.map((member): IntegrationAccess => ({
        email: member.email,
        integration: integration.id,
        profile: 'full',
        disabledTools: [],
        from: byRole(member.role),
      })),
    ),
    // An owner's or admin's own grants change nothing: their role already gives every tool.
    ...state.grants
      .filter((grant) => !isPrivileged(roles.get(grant.email) ?? 'member'))
      .map((grant): IntegrationAccess => ({
        email: grant.email,
        integration: grant.integration,
        profile: grant.profile,
        disabledTools: grant.disabledTools,
        ...(grant.expires ? { expires: grant.expires } : {}),
        from: vias(grant.origins),
      })),
  ];
}

function pipeAccess(state: WorkspaceState): PipeAccess[] {
  const roles = new Map(state.members.map((member) => [member.email, member.role]));
  const privileged = state.members.filter((member) => isPrivileged(member.role));
  return [
    ...state.pipes.flatMap((pipe) =>
      privileged.map((member): PipeAccess => ({
        email: member.email,
        pipe: pipe.id,
        level: 'admin',
        from: byRole(member.role),
      })),
    ),
    ...state.pipeMemberships
      .filter((membership) => !isPrivileged(roles.get(membership.email) ?? 'member'))
      .map((membership): PipeAccess => ({
        email: membership.email,
        pipe: membership.pipe,
        level: membership.level,
        ...(membership.expires ? { expires: membership.expires } : {}),
        from: vias(membership.origins),
      })),
  ];
}

function keyAccess(state: WorkspaceState): KeyAccess[] {
  return state.keys.flatMap((key) => [
    ...(key.owner ? [{ name: key.name, type: key.type, as: 'owner' as const, email: key.owner }] : []),
    ...key.users.map((email) => ({ name: key.name, type: key.type, as: 'user' as const, email })),
  ]);
}
