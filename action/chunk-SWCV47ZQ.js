import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);
import {
  PIPE_LEVELS,
  ROLES,
  describeChange,
  emptyState,
  normalizeEmail
} from "./chunk-L3OR63AK.js";
import {
  PipefyError
} from "./chunk-KX5JVGCE.js";
import "./chunk-YD5QI4B2.js";
import "./chunk-5I7G6NLK.js";
import "./chunk-I2O6WBSQ.js";
import "./chunk-ERPQTAKO.js";
import {
  ProviderError
} from "./chunk-3STYS2ZZ.js";

// src/providers/pipefy/mapping.ts
var PIPEFY_COMPANY_ROLES = {
  owner: "super_admin",
  admin: "admin",
  member: "normal",
  guest: "company_guest",
  "external-guest": "external_guest"
};
var PIPEFY_PIPE_LEVELS = {
  "read-only": "read_and_comment",
  "restricted-view": "my_cards_only",
  member: "member",
  admin: "admin"
};
var inverse = (table) => new Map(Object.entries(table).map(([ours, theirs]) => [theirs, ours]));
var ROLE_OF = inverse(PIPEFY_COMPANY_ROLES);
var LEVEL_OF = inverse(PIPEFY_PIPE_LEVELS);
function roleFromPipefy(roleName) {
  return ROLE_OF.get(roleName);
}
function levelFromPipefy(roleName) {
  return LEVEL_OF.get(roleName);
}
function isCompanyAdmin(roleName) {
  return roleName === PIPEFY_COMPANY_ROLES.owner || roleName === PIPEFY_COMPANY_ROLES.admin;
}

// src/providers/pipefy/operations.ts
var string = { type: "string" };
var nullableString = { type: ["string", "null"] };
var object = (properties, nullable = false) => ({
  type: nullable ? ["object", "null"] : "object",
  required: Object.keys(properties),
  properties
});
var listOf = (items) => ({ type: "array", items });
var nullableListOf = (items) => ({ type: ["array", "null"], items });
var MEMBER = object({
  role_name: string,
  user: object({ id: string, uuid: string, email: string, name: nullableString })
});
var ME = {
  name: "Me",
  document: "query Me { me { id email } }",
  answer: object({ me: object({ id: string, email: string }, true) })
};
var ORGANIZATION_MEMBERS = {
  name: "OrganizationMembers",
  document: "query OrganizationMembers($id: ID!) { organization(id: $id) { id name members { role_name user { id uuid email name } } } }",
  answer: object({ organization: object({ members: listOf(MEMBER) }, true) })
};
var PIPE_MEMBERS = {
  name: "PipeMembers",
  document: "query PipeMembers($id: ID!) { pipe(id: $id) { id uuid name members { role_name user { id uuid email name } } } }",
  answer: object({ pipe: object({ uuid: string, members: listOf(MEMBER) }, true) })
};
var INVITE_MEMBERS = {
  name: "InviteMembers",
  document: "mutation InviteMembers($input: InviteMembersInput!) { inviteMembers(input: $input) { users { id email } errors { index message } } }",
  answer: object({
    inviteMembers: object(
      {
        users: nullableListOf(object({ id: string, email: string })),
        errors: nullableListOf(object({ index: { type: ["integer", "null"] }, message: nullableString }))
      },
      true
    )
  })
};
var SET_ROLE = {
  name: "SetRole",
  document: "mutation SetRole($input: SetRoleInput!) { setRole(input: $input) { member { role_name user { id email } } } }",
  answer: object({
    setRole: object({ member: object({ role_name: string, user: object({ id: string, email: string }) }, true) }, true)
  })
};
var REMOVE_USER_FROM_ORG = {
  name: "RemoveUserFromOrg",
  document: "mutation RemoveUserFromOrg($organizationId: ID!, $email: String!) { removeUserFromOrg(input: { organization_id: $organizationId, email: $email }) { clientMutationId } }",
  answer: object({ removeUserFromOrg: object({ clientMutationId: nullableString }, true) })
};
var REMOVE_MEMBERS_FROM_PIPE = {
  name: "RemoveMembersFromPipe",
  document: "mutation RemoveMembersFromPipe($input: RemoveMembersFromPipeInput!) { removeMembersFromPipe(input: $input) { success removedUsersUuids errors } }",
  answer: object({
    removeMembersFromPipe: object(
      {
        success: { type: ["boolean", "null"] },
        removedUsersUuids: nullableListOf(string),
        errors: nullableListOf(string)
      },
      true
    )
  })
};

// src/providers/pipefy/read.ts
import { createHash } from "node:crypto";
var ORGANIZATION_SCOPE = "organization";
var pipeScope = (id) => `pipe:${id}`;
async function readOrganization(client, organizationId) {
  try {
    const data = await client.query(ORGANIZATION_MEMBERS, { id: organizationId });
    if (!data.organization) throw new PipefyError("permission-denied", "no organization in the answer", void 0);
    return rows(data.organization.members);
  } catch (error) {
    if (!(error instanceof PipefyError) || error.code !== "permission-denied") throw error;
    throw new PipefyError(
      "unknown-organization",
      `Pipefy has no organization ${organizationId} that PIPEFY_TOKEN's account belongs to (Pipefy answers alike for an id that does not exist and one the account may not see); check provider.organization_id, the number in the organization's URL`,
      error.correlationId
    );
  }
}
async function readPipe(client, pipe) {
  try {
    const data = await client.query(PIPE_MEMBERS, { id: pipe.pipefyId });
    if (!data.pipe) throw new PipefyError("permission-denied", "no pipe in the answer", void 0);
    return { uuid: data.pipe.uuid, members: rows(data.pipe.members) };
  } catch (error) {
    if (!(error instanceof PipefyError) || error.code !== "permission-denied") throw error;
    const at = pipe.source ? ` (${pipe.source.file}:${pipe.source.line}:${pipe.source.col})` : "";
    throw new PipefyError(
      "invisible-pipe",
      `pipe ${pipe.id}${at} has pipefy_id ${pipe.pipefyId}, which PIPEFY_TOKEN's account cannot see: Pipefy shows a pipe only to its members, so add the account to the pipe (or fix pipefy_id); nothing in it was read or changed`,
      error.correlationId
    );
  }
}
function rows(members) {
  return members.map((member) => ({
    roleName: member.role_name,
    userId: member.user.id,
    userUuid: member.user.uuid,
    email: normalizeEmail(member.user.email),
    ...member.user.name ? { name: member.user.name } : {}
  }));
}
function companyAdmins(organization) {
  return new Set(organization.filter((member) => isCompanyAdmin(member.roleName)).map((member) => member.email));
}
function fingerprintOf(members, leaveOut = /* @__PURE__ */ new Set()) {
  const lines = members.filter((member) => !leaveOut.has(member.email)).map((member) => `${member.email}\0${member.roleName}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 32);
}
function versionOf(scopes) {
  const lines = Object.entries(scopes).map(([scope, fingerprint]) => `${scope}=${fingerprint}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 32);
}

// src/providers/pipefy/changes.ts
var PIPEFY_CHANGE_KINDS = [
  "member.invite",
  "member.update",
  "member.remove",
  "pipe_member.set",
  "pipe_member.remove"
];
var PipefyChanges = class {
  constructor(client, organizationId, pipes) {
    this.client = client;
    this.organizationId = organizationId;
    this.pipes = pipes;
  }
  client;
  organizationId;
  pipes;
  scopeOf(change) {
    const supported = this.supported(change);
    return supported.kind.startsWith("pipe_member.") ? pipeScope(supported.pipe) : ORGANIZATION_SCOPE;
  }
  async holds(change) {
    const c = this.supported(change);
    switch (c.kind) {
      case "member.invite":
        return (await this.orgMember(c.email))?.roleName === PIPEFY_COMPANY_ROLES[c.role];
      case "member.update":
        return c.role === void 0 || (await this.orgMember(c.email))?.roleName === PIPEFY_COMPANY_ROLES[c.role];
      case "member.remove":
        return await this.orgMember(c.email) === void 0;
      case "pipe_member.set":
        return (await this.pipeMember(c.pipe, c.email))?.roleName === PIPEFY_PIPE_LEVELS[c.level];
      case "pipe_member.remove":
        return await this.pipeMember(c.pipe, c.email) === void 0;
    }
  }
  async apply(change) {
    const c = this.supported(change);
    const org = this.organizationId;
    switch (c.kind) {
      case "member.invite":
        return this.invite({ organization_id: org }, c.email, PIPEFY_COMPANY_ROLES[c.role], c);
      case "member.update": {
        if (c.role === void 0) return;
        const member = await this.orgMember(c.email);
        if (!member) throw cannot(c, `${c.email} is not a member of organization ${org}`);
        return this.setRole({ organization_id: org }, member.userId, PIPEFY_COMPANY_ROLES[c.role], c);
      }
      case "member.remove":
        await this.client.mutate(REMOVE_USER_FROM_ORG, { organizationId: org, email: c.email });
        return;
      case "pipe_member.set": {
        const pipe = this.pipe(c.pipe);
        const member = this.leftAlone(c, await this.pipeMember(c.pipe, c.email));
        const level = PIPEFY_PIPE_LEVELS[c.level];
        if (member) return this.setRole({ pipe_id: pipe.pipefyId }, member.userId, level, c);
        return this.invite({ pipe_id: pipe.pipefyId }, c.email, level, c);
      }
      case "pipe_member.remove": {
        const live = await readPipe(this.client, this.pipe(c.pipe));
        const member = this.leftAlone(
          c,
          live.members.find((m) => m.email === c.email)
        );
        if (!member) throw cannot(c, `${c.email} is not a member of the pipe`);
        return this.removeFromPipe(live, member, c);
      }
    }
  }
  async invite(scope, email, roleName, change) {
    const answer = (await this.client.mutate(INVITE_MEMBERS, { input: { ...scope, emails: [{ email, role_name: roleName }] } })).inviteMembers;
    const refusal = answer?.errors?.find((error) => error.index === 0 || error.index === null);
    if (refusal) throw cannot(change, `Pipefy answered: ${refusal.message ?? "an error without a message"}`);
    if (!answer?.users?.some((user) => normalizeEmail(user.email) === email)) {
      throw cannot(change, `Pipefy's answer does not list ${email} among the users invited`);
    }
  }
  async setRole(scope, userId, roleName, change) {
    const answer = await this.client.mutate(SET_ROLE, {
      input: { ...scope, member: { user_id: userId, role_name: roleName } }
    });
    const now = answer.setRole?.member?.role_name;
    if (now !== roleName) {
      throw cannot(change, now ? `Pipefy answered that the role is "${now}"` : "Pipefy answered with no member");
    }
  }
  async removeFromPipe(pipe, member, change) {
    const answer = (await this.client.mutate(REMOVE_MEMBERS_FROM_PIPE, {
      input: { pipeUuid: pipe.uuid, usersUuids: [member.userUuid] }
    })).removeMembersFromPipe;
    if (answer?.removedUsersUuids?.includes(member.userUuid) && !answer.errors?.length) return;
    const why = answer?.errors?.[0] ?? `the answer does not list ${member.email} among the users removed`;
    throw cannot(change, `Pipefy answered: ${why}`);
  }
  /** A level roster has no name for (`creator`) is never changed or removed, whatever a plan says. */
  leftAlone(change, member) {
    if (member && !levelFromPipefy(member.roleName))
      throw cannot(change, `${member.email} is "${member.roleName}" in the pipe, a level roster leaves alone`);
    return member;
  }
  async orgMember(email) {
    return (await readOrganization(this.client, this.organizationId)).find((member) => member.email === email);
  }
  async pipeMember(pipe, email) {
    return (await readPipe(this.client, this.pipe(pipe))).members.find((member) => member.email === email);
  }
  pipe(id) {
    const pipe = this.pipes.get(id);
    if (!pipe)
      throw new PipefyError("unknown-pipe", `pipe ${id} is not declared with a pipefy_id in the config`, void 0);
    return pipe;
  }
  supported(change) {
    if (PIPEFY_CHANGE_KINDS.includes(change.kind)) return change;
    throw new PipefyError(
      "unsupported",
      `the pipefy provider cannot carry out ${describeChange(change)}: it manages company members and pipe members only`,
      void 0
    );
  }
};
function cannot(change, why) {
  return new PipefyError("refused", `cannot carry out ${describeChange(change)}: ${why}`, void 0);
}

// src/providers/pipefy/snapshot.ts
function buildSnapshot(read, declared) {
  const state = emptyState(declared.workspace.name, declared.workspace.plan);
  const unknownPipeLevels = [];
  const unknownRoles = [];
  for (const live of read.organization) {
    const role = roleFromPipefy(live.roleName);
    if (!role) {
      unknownRoles.push({ email: live.email, role: live.roleName });
      continue;
    }
    const name = declared.names.get(live.email);
    const member = { email: live.email, role, managed: true, ...name ? { name } : {} };
    state.members.push(member);
  }
  const admins = companyAdmins(read.organization);
  const unnamed = new Set(unknownRoles.map((u) => u.email));
  const scopes = { [ORGANIZATION_SCOPE]: fingerprintOf(read.organization) };
  for (const pipe of declared.pipes) {
    const members = read.pipes.get(pipe.id) ?? [];
    state.pipes.push({ id: pipe.id, ...pipe.name ? { name: pipe.name } : {}, managed: true });
    scopes[pipeScope(pipe.id)] = fingerprintOf(members, admins);
    for (const live of members) {
      if (admins.has(live.email) || unnamed.has(live.email)) continue;
      const level = levelFromPipefy(live.roleName);
      if (!level) {
        unknownPipeLevels.push({ pipe: pipe.id, email: live.email, level: live.roleName });
        continue;
      }
      const membership = { pipe: pipe.id, email: live.email, level, managed: true };
      state.pipeMemberships.push(membership);
    }
  }
  return {
    state,
    version: versionOf(scopes),
    scopes,
    ...unknownPipeLevels.length ? { unknownPipeLevels } : {},
    ...unknownRoles.length ? { unknownRoles } : {}
  };
}

// src/providers/pipefy/pipefy-provider.ts
var PIPEFY_CAPABILITIES = {
  roles: ROLES,
  pipeLevels: PIPE_LEVELS,
  resources: ["members", "pipes", "pipe_memberships"],
  atomicBatches: false,
  connectsIntegrations: false,
  // Changes go one at a time; there is no batch to split a plan into.
  maxBatchChanges: Number.POSITIVE_INFINITY,
  implicitPipeAdmins: true
};
var PipefyProvider = class {
  constructor(client, organizationId, declared) {
    this.client = client;
    this.organizationId = organizationId;
    this.declared = declared;
    this.description = `pipefy organization ${organizationId} at ${client.url}`;
    this.changes = new PipefyChanges(client, organizationId, new Map(declared.pipes.map((pipe) => [pipe.id, pipe])));
    this.changeByChange = {
      scopeOf: (change) => this.changes.scopeOf(change),
      fingerprint: (scope) => this.fingerprint(scope),
      holds: (change) => this.changes.holds(change),
      applyChange: (change, _context) => {
        this.organization = void 0;
        return this.changes.apply(change);
      },
      // A change can read before it writes, and reads are retried: the budget counts requests.
      paceRequests: (take) => {
        this.client.pace = take;
      }
    };
  }
  client;
  organizationId;
  declared;
  capabilities = PIPEFY_CAPABILITIES;
  description;
  changeByChange;
  organization;
  changes;
  async whoami() {
    const { me } = await this.client.query(ME);
    const email = me?.email.toLowerCase() ?? "unknown";
    const live = (await this.readOrganization()).find((member) => member.email === email);
    const role = live && roleFromPipefy(live.roleName);
    return { name: email, role: role ?? "member" };
  }
  /** Read afresh every time: apply reads the workspace again before it starts. */
  async snapshot() {
    this.organization = readOrganization(this.client, this.organizationId);
    const organization = await this.organization;
    const pipes = new Map(
      await Promise.all(
        this.declared.pipes.map(async (pipe) => [pipe.id, (await readPipe(this.client, pipe)).members])
      )
    );
    return buildSnapshot({ organization, pipes }, this.declared);
  }
  async apply(_request) {
    throw new ProviderError(
      "no-batches",
      "Pipefy applies no batches: the pipefy provider is applied change by change (changeByChange)"
    );
  }
  async close() {
  }
  readOrganization() {
    this.organization ??= readOrganization(this.client, this.organizationId);
    return this.organization;
  }
  async fingerprint(scope) {
    const organization = await readOrganization(this.client, this.organizationId);
    if (scope === ORGANIZATION_SCOPE) return fingerprintOf(organization);
    const pipe = this.declared.pipes.find((declared) => scope === `pipe:${declared.id}`);
    if (!pipe) throw new ProviderError("unknown-scope", `the pipefy provider has no scope ${scope}`);
    return fingerprintOf((await readPipe(this.client, pipe)).members, companyAdmins(organization));
  }
};
export {
  PIPEFY_CAPABILITIES,
  PipefyProvider
};
