import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);

// src/model/vocabulary.ts
var ROLES = ["external-guest", "guest", "member", "admin", "owner"];
var PROFILES = ["read-only", "no-delete", "full"];
var TOOL_KINDS = ["read", "write", "delete"];
var PIPE_LEVELS = ["read-only", "restricted-view", "member", "admin"];
var STARTER_MAX_ADMINS = 10;
function roleRank(role) {
  return ROLES.indexOf(role);
}
function profileRank(profile) {
  return PROFILES.indexOf(profile);
}
function pipeLevelRank(level) {
  return PIPE_LEVELS.indexOf(level);
}
function isPrivileged(role) {
  return role === "owner" || role === "admin";
}
function isGuest(role) {
  return role === "guest" || role === "external-guest";
}
function isBillable(role) {
  return !isGuest(role);
}
function profileAllows(profile, kind) {
  return TOOL_KINDS.indexOf(kind) <= profileRank(profile);
}
function maxBy(values, rank) {
  return values.reduce((best, value) => rank(value) > rank(best) ? value : best);
}

// src/model/changes.ts
function issuesSecret(change) {
  return change.kind === "key.create" || change.kind === "key.rotate" || change.kind === "key.replace";
}
function changeSubject(change) {
  if ("email" in change) return change.email;
  if (change.kind === "key.create" || change.kind === "key.replace") return change.owner;
  return void 0;
}
function describeChange(change) {
  switch (change.kind) {
    case "workspace.update":
      return "workspace.update";
    case "integration.connect":
    case "integration.update":
    case "integration.disconnect":
    case "integration.adopt":
    case "pipe.create":
    case "pipe.update":
    case "pipe.adopt":
      return `${change.kind} ${change.id}`;
    case "grant.set":
    case "grant.remove":
    case "grant.adopt":
      return `${change.kind} ${change.email} ${change.integration}`;
    case "pipe_member.set":
    case "pipe_member.remove":
    case "pipe_member.adopt":
      return `${change.kind} ${change.email} ${change.pipe}`;
    case "key.create":
    case "key.update":
    case "key.rotate":
    case "key.retire_previous":
    case "key.revoke":
    case "key.replace":
    case "key.adopt":
      return `${change.kind} ${change.name}`;
    default:
      return `${change.kind} ${change.email}`;
  }
}

// src/model/state.ts
function normalizeEmail(email) {
  if (SPELLED_ALREADY.test(email)) return email;
  return email.trim().normalize("NFC").toLowerCase();
}
var SPELLED_ALREADY = /^[!-@[-~]*$/;
function emptyState(name = "", plan = "business") {
  return {
    workspace: { name, plan },
    members: [],
    integrations: [],
    pipes: [],
    grants: [],
    pipeMemberships: [],
    keys: []
  };
}

export {
  issuesSecret,
  changeSubject,
  describeChange,
  ROLES,
  PIPE_LEVELS,
  STARTER_MAX_ADMINS,
  roleRank,
  profileRank,
  pipeLevelRank,
  isPrivileged,
  isGuest,
  isBillable,
  profileAllows,
  maxBy,
  normalizeEmail,
  emptyState
};
