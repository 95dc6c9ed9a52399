// The typed changes a plan is made of and a provider carries out. The same objects travel over
// the workspace API, so field names here are the wire format.
import type { BillingPlan, KeyType, PipeLevel, PipeVisibility, Profile, Role, ToolKind } from './vocabulary.js';
import type { ScopeEntry, WorkspaceSettings } from './state.js';

/** A key as key.create and key.replace make it. */
export interface NewKey {
  name: string;
  type: KeyType;
  owner?: string;
  scope: ScopeEntry[];
  users: string[];
  expires?: string;
  /** A workspace key scoped to every integration, present and future (its scope is empty). */
  allIntegrations?: true;
}

export type Change =
  | { kind: 'workspace.update'; name?: string; plan?: BillingPlan; settings?: WorkspaceSettings }
  | { kind: 'member.invite'; email: string; name?: string; role: Role; expires?: string }
  // expires: the member's new last day; null takes it away.
  | { kind: 'member.update'; email: string; name?: string; role?: Role; expires?: string | null }
  | { kind: 'member.remove'; email: string }
  | { kind: 'integration.connect'; id: string; name?: string; tools: Record<string, ToolKind> }
  | { kind: 'integration.update'; id: string; name?: string; tools: Record<string, ToolKind> }
  // createdBy: who made the pipe, when not the caller (a company guest has no key: an owner or
  // admin records their pipe). The creator becomes its admin; a guest becomes a member.
  | { kind: 'pipe.create'; id: string; name?: string; visibility?: PipeVisibility; createdBy?: string }
  | { kind: 'pipe.update'; id: string; name?: string; visibility?: PipeVisibility }
  | {
      kind: 'grant.set';
      email: string;
      integration: string;
      profile: Profile;
      disabledTools: string[];
      expires?: string;
    }
  | { kind: 'grant.remove'; email: string; integration: string }
  | { kind: 'pipe_member.set'; pipe: string; email: string; level: PipeLevel; expires?: string }
  | { kind: 'pipe_member.remove'; pipe: string; email: string }
  | ({ kind: 'key.create' } & NewKey)
  | {
      kind: 'key.update';
      name: string;
      scope: ScopeEntry[];
      users: string[];
      expires?: string;
      allIntegrations?: true;
    }
  // stage: the new secret is added beside the old one, which keeps working until a
  // key.retire_previous retires it (once the new secret is delivered); without it the old secret
  // dies at once. A later stage while one is pending keeps every earlier secret too.
  | { kind: 'key.rotate'; name: string; stage?: true }
  // The second step of a staged rotation: the newest staged secret becomes the key's only one;
  // the old secret and any earlier staged one stop working.
  | { kind: 'key.retire_previous'; name: string }
  | { kind: 'key.revoke'; name: string }
  // A key whose type or owner changes: the old one is revoked and a new one (new id, new secret)
  // takes its name, in one step, so there is never a moment with two keys of one name.
  | ({ kind: 'key.replace' } & NewKey)
  // Disconnecting an integration takes its grants with it and narrows the keys scoped to it.
  | { kind: 'integration.disconnect'; id: string }
  // Adoption: something the config declares that exists in the workspace, created outside
  // roster, becomes managed (removing it from the config later removes it). No access changes.
  | { kind: 'member.adopt'; email: string }
  | { kind: 'integration.adopt'; id: string }
  | { kind: 'pipe.adopt'; id: string }
  | { kind: 'grant.adopt'; email: string; integration: string }
  | { kind: 'pipe_member.adopt'; pipe: string; email: string }
  | { kind: 'key.adopt'; name: string };

export type ChangeKind = Change['kind'];

/** Adoptions: roster starts managing something that exists; no access changes. */
export type Adoption = Extract<Change, { kind: `${string}.adopt` }>;

/** The changes that make a new secret, to be delivered: creation, rotation, replacement. */
export function issuesSecret(
  change: Change,
): change is Extract<Change, { kind: 'key.create' | 'key.rotate' | 'key.replace' }> {
  return change.kind === 'key.create' || change.kind === 'key.rotate' || change.kind === 'key.replace';
}

export const CHANGE_KINDS: readonly ChangeKind[] = [
  'workspace.update',
  'member.invite',
  'member.update',
  'member.remove',
  'integration.connect',
  'integration.update',
  'pipe.create',
  'pipe.update',
  'grant.set',
  'grant.remove',
  'pipe_member.set',
  'pipe_member.remove',
  'key.create',
  'key.update',
  'key.rotate',
  'key.retire_previous',
  'key.revoke',
  'key.replace',
  'integration.disconnect',
  'member.adopt',
  'integration.adopt',
  'pipe.adopt',
  'grant.adopt',
  'pipe_member.adopt',
  'key.adopt',
];

/** Who asks for a change: the powers of a role, and a name for the audit log. */
export interface Actor {
  /** A member's email, "roster" for the local operator, or a key name. */
  name: string;
  role: Role;
  keyName?: string;
}

/** Why a change was made, recorded with it in the audit log. */
export interface ChangeContext {
  commit?: string;
  pullRequest?: number;
  approvers?: string[];
  source?: string;
}

/** A problem with one change of a batch; the whole batch is refused. */
export interface ChangeError {
  index: number;
  code: string;
  message: string;
}

/** The result of an applied batch. Secrets of created or rotated keys appear here, once. */
export interface BatchResult {
  version: number;
  applied: number;
  secrets: Record<string, string>;
}

/** The member a change is about, if any: used for audit filters and error attribution. */
export function changeSubject(change: Change): string | undefined {
  if ('email' in change) return change.email;
  if (change.kind === 'key.create' || change.kind === 'key.replace') return change.owner;
  return undefined;
}

/** A short, stable description for logs and audit records ("grant.set fin@x.io stripe"). */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'workspace.update':
      return 'workspace.update';
    case 'integration.connect':
    case 'integration.update':
    case 'integration.disconnect':
    case 'integration.adopt':
    case 'pipe.create':
    case 'pipe.update':
    case 'pipe.adopt':
      return `${change.kind} ${change.id}`;
    case 'grant.set':
    case 'grant.remove':
    case 'grant.adopt':
      return `${change.kind} ${change.email} ${change.integration}`;
    case 'pipe_member.set':
    case 'pipe_member.remove':
    case 'pipe_member.adopt':
      return `${change.kind} ${change.email} ${change.pipe}`;
    case 'key.create':
    case 'key.update':
    case 'key.rotate':
    case 'key.retire_previous':
    case 'key.revoke':
    case 'key.replace':
    case 'key.adopt':
      return `${change.kind} ${change.name}`;
    default:
      return `${change.kind} ${change.email}`;
  }
}
