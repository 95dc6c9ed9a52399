// The fake Pipefy's memory: users, organizations and pipes with each member's role name, the
// tokens that stand for users, the quirks a test switches on, and a log of what was asked.

export interface FakeUser {
  id: string;
  uuid: string;
  email: string;
  name: string;
}

export interface FakeOrganization {
  id: string;
  uuid: string;
  name: string;
  /** user id -> role name (super_admin, admin, normal, company_guest, external_guest, ...). */
  roles: Map<string, string>;
}

export interface FakePipe {
  id: string;
  uuid: string;
  name: string;
  organization: string;
  /** user id -> role name (admin, member, my_cards_only, read_and_comment, creator, ...); explicit members only. */
  roles: Map<string, string>;
}

/** Pipefy's behaviours that make a client's life hard; each can be switched per test. */
export interface FakeQuirks {
  /** The next N inviteMembers list the users invited and change nothing (the toolkit reads back for this). */
  inviteWithoutEffect: number;
  /** The next N inviteMembers answer every row with an error, as the toolkit's fixtures do ("already invited"). */
  inviteRefused: number;
  /** The next N setRole answer the member with the role it already had, and change nothing. */
  setRoleIgnored: number;
  /** A pipe is visible only to its explicit members (Pipefy's default; even super admins). */
  membershipScopedPipes: boolean;
  /** Company admins and super admins are listed as admins of every pipe (Pipefy's default). */
  implicitPipeAdmins: boolean;
  /** The next N requests answer 502. */
  badGateway: number;
  /** The next N requests lose their connection without an answer. */
  dropConnections: number;
  /** With badGateway or dropConnections: the request is carried out first, then its answer lost. */
  failAfterEffect: boolean;
  /** The next N requests answer 429 with Retry-After: 0. */
  rateLimited: number;
  /** Every request waits this long before it is answered. */
  latencyMs: number;
  /** Someone an invite adds shows in members lists only this long after it. */
  listingLagMs: number;
}

/** One root field carried out (or refused), in the order received. */
export interface FakeOperation {
  type: 'query' | 'mutation';
  field: string;
  args: Record<string, unknown>;
  /** The caller's email. */
  caller: string;
  /** Whether the platform changed because of it. */
  effect: boolean;
  /** The error code it was refused with, if any. */
  error?: string;
}

export interface FakeSeed {
  organizations?: { id: string; name?: string; members: { email: string; name?: string; role: string }[] }[];
  pipes?: { id: string; organization: string; name?: string; members: { email: string; role: string }[] }[];
  /** token -> the email of the user it authenticates. */
  tokens?: Record<string, string>;
  quirks?: Partial<FakeQuirks>;
}

export const DEFAULT_QUIRKS: FakeQuirks = {
  inviteWithoutEffect: 0,
  inviteRefused: 0,
  setRoleIgnored: 0,
  membershipScopedPipes: true,
  implicitPipeAdmins: true,
  badGateway: 0,
  dropConnections: 0,
  failAfterEffect: false,
  rateLimited: 0,
  latencyMs: 0,
  listingLagMs: 0,
};

export const COMPANY_ADMIN_ROLES = new Set(['super_admin', 'admin']);

export class FakePipefyState {
  readonly users = new Map<string, FakeUser>();
  readonly organizations = new Map<string, FakeOrganization>();
  readonly pipes = new Map<string, FakePipe>();
  readonly tokens = new Map<string, string>();
  quirks: FakeQuirks = { ...DEFAULT_QUIRKS };
  readonly operations: FakeOperation[] = [];
  /** HTTP requests received, with the status each was answered with (0: connection dropped). */
  readonly requests: { status: number }[] = [];
  /** "org:<id>:<user id>" or "pipe:<id>:<user id>" -> when an invited member starts to show in its members list. */
  readonly showsFrom = new Map<string, number>();
  private nextId = 1000;

  constructor(seed: FakeSeed = {}) {
    this.seed(seed);
  }

  seed(seed: FakeSeed): void {
    for (const org of seed.organizations ?? []) {
      const organization = { id: org.id, uuid: `org-${org.id}`, name: org.name ?? `Org ${org.id}`, roles: new Map() };
      this.organizations.set(org.id, organization);
      for (const m of org.members) organization.roles.set(this.userFor(m.email, m.name).id, m.role);
    }
    for (const p of seed.pipes ?? []) {
      const pipe: FakePipe = {
        id: p.id,
        uuid: `pipe-${p.id}`,
        name: p.name ?? `Pipe ${p.id}`,
        organization: p.organization,
        roles: new Map(),
      };
      this.pipes.set(p.id, pipe);
      for (const m of p.members) pipe.roles.set(this.userFor(m.email).id, m.role);
    }
    for (const [token, email] of Object.entries(seed.tokens ?? {})) this.tokens.set(token, this.userFor(email).id);
    Object.assign(this.quirks, seed.quirks);
  }

  /** The user with this email (compared case-insensitively), created when Pipefy has never seen it. */
  userFor(email: string, name?: string): FakeUser {
    const key = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email === key) return user;
    const id = String(this.nextId++);
    const user = { id, uuid: `user-${id}`, email: key, name: name ?? key.split('@')[0]! };
    this.users.set(id, user);
    return user;
  }

  findUser(email: string): FakeUser | undefined {
    const key = email.trim().toLowerCase();
    return [...this.users.values()].find((user) => user.email === key);
  }

  /** A member's company role, by email; undefined when not a member. */
  orgRole(organization: string, email: string): string | undefined {
    const user = this.findUser(email);
    return user && this.organizations.get(organization)?.roles.get(user.id);
  }

  /** A member's explicit role in a pipe, by email. */
  pipeRole(pipe: string, email: string): string | undefined {
    const user = this.findUser(email);
    return user && this.pipes.get(pipe)?.roles.get(user.id);
  }

  /** How many times a mutation was received (carried out or not), for "never sent twice". */
  count(field: string, match: (args: Record<string, unknown>) => boolean = () => true): number {
    return this.operations.filter((op) => op.field === field && match(op.args)).length;
  }
}
