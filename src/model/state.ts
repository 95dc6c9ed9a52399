// One shape for both sides of a diff: the desired state built from the config and the actual
// state read from a provider. Emails are spelled as normalizeEmail spells them; every list is
// keyed as noted.
import type { BillingPlan, KeyType, PipeLevel, PipeVisibility, Profile, Role, ToolKind } from './vocabulary.js';

/** Where something was declared: shown next to every plan line and diagnostic. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}

export interface Member {
  email: string; // key
  name?: string;
  role: Role;
  github?: string;
  expires?: string;
  /** Invited, not yet accepted (actual state only): holds no billed seat until then. */
  pending?: boolean;
  /** When the invitation was made (ISO timestamp), for members invited through the store. */
  invitedAt?: string;
  managed?: boolean;
  source?: SourceRef;
}

export interface Integration {
  id: string; // key
  name?: string;
  tools: Record<string, ToolKind>;
  managed?: boolean;
  source?: SourceRef;
}

export interface Pipe {
  id: string; // key
  name?: string;
  /** Absent means private. */
  visibility?: PipeVisibility;
  managed?: boolean;
  source?: SourceRef;
}

/** Where one piece of a combined grant came from: a team or the member's own entry. */
export interface GrantOrigin {
  via: string; // "direct" or "team:<id>"
  source?: SourceRef;
}

/** A member's tool profile on one integration; key (email, integration). */
export interface Grant {
  email: string;
  integration: string;
  profile: Profile;
  disabledTools: string[]; // sorted
  expires?: string;
  managed?: boolean;
  origins?: GrantOrigin[];
}

/** A member's level in one pipe; key (pipe, email). */
export interface PipeMembership {
  pipe: string;
  email: string;
  level: PipeLevel;
  expires?: string;
  managed?: boolean;
  origins?: GrantOrigin[];
}

/** One integration in a key's scope. */
export interface ScopeEntry {
  integration: string;
  profile: Profile;
  disabledTools: string[]; // sorted
}

export interface Key {
  name: string; // key
  type: KeyType;
  owner?: string;
  scope: ScopeEntry[]; // sorted by integration; empty on a personal key = the owner's full access
  /** A workspace key scoped to every integration (`integrations: all`); its scope is empty. */
  allIntegrations?: true;
  users: string[]; // sorted
  expires?: string;
  managed?: boolean;
  createdAt?: string;
  rotatedAt?: string;
  /**
   * A staged rotation not finished since this time: new secrets wait beside the old one, which
   * still works, until the newest is delivered and the old one retired (key.retire_previous).
   */
  rotationPending?: string;
  /** Config only: rotate when the secret is older than this many days. */
  rotateEveryDays?: number;
  deliver?: KeyDelivery;
  source?: SourceRef;
}

/**
 * A file delivery: `file` is the resolved path, `base` the folder it must stay inside (the folder
 * of the config that names it); apply --secrets-dir moves the same relative path to another base.
 */
export type KeyDelivery = { file: string; base: string } | { githubSecret: { repo: string; name: string } };

/** Workspace settings about pipes; an absent value is the default given here. */
export interface WorkspaceSettings {
  /** Default false: pipe admins manage their pipe's people too. */
  onlyAdminsManagePipeMembers?: boolean;
  /** Default true: company guests may create pipes (and become members by doing so). */
  guestsCanCreatePipes?: boolean;
}

export interface WorkspaceState {
  workspace: { name: string; plan: BillingPlan };
  settings?: WorkspaceSettings;
  members: Member[];
  integrations: Integration[];
  pipes: Pipe[];
  grants: Grant[];
  pipeMemberships: PipeMembership[];
  keys: Key[];
}

/**
 * The one spelling of an email, used wherever emails are compared or stored (config, CLI, store,
 * server): trimmed, Unicode NFC (so a composed and a decomposed "é" are one person), lower case.
 */
export function normalizeEmail(email: string): string {
  // Printable ASCII without capitals is already its own spelling (no blank to trim, nothing to
  // compose or lower): most emails, each normalized several times on a 10,000-member config.
  if (SPELLED_ALREADY.test(email)) return email;
  return email.trim().normalize('NFC').toLowerCase();
}

const SPELLED_ALREADY = /^[!-@[-~]*$/;

export function emptyState(name = '', plan: BillingPlan = 'business'): WorkspaceState {
  return {
    workspace: { name, plan },
    members: [],
    integrations: [],
    pipes: [],
    grants: [],
    pipeMemberships: [],
    keys: [],
  };
}
