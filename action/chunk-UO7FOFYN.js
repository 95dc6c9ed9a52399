import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/providers/provider.ts
var ProviderError = class extends Error {
  constructor(code, message, details = [], outcomeUnknown = false) {
    super(message);
    this.code = code;
    this.details = details;
    this.outcomeUnknown = outcomeUnknown;
  }
  code;
  details;
  outcomeUnknown;
  /** What to do about it, where the provider knows better than the code's general advice. */
  hint;
};

// src/store/errors.ts
var StoreError = class extends Error {
  constructor(code, message, changeErrors = []) {
    super(message);
    this.code = code;
    this.changeErrors = changeErrors;
  }
  code;
  changeErrors;
};
var DatabaseOpenError = class extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
  code;
};

// src/model/capabilities.ts
var FULL_CAPABILITIES = {
  roles: ["owner", "admin", "member", "guest", "external-guest"],
  pipeLevels: ["read-only", "restricted-view", "member", "admin"],
  resources: ["members", "integrations", "pipes", "grants", "pipe_memberships", "keys"],
  atomicBatches: true,
  connectsIntegrations: true,
  maxBatchChanges: Number.POSITIVE_INFINITY,
  memberExpiry: true
};

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
    case "key.revoke":
    case "key.replace":
    case "key.adopt":
      return `${change.kind} ${change.name}`;
    default:
      return `${change.kind} ${change.email}`;
  }
}

// src/model/dates.ts
function todayUtc(now = /* @__PURE__ */ new Date()) {
  return now.toISOString().slice(0, 10);
}
function isRealDate(date) {
  const parsed = /* @__PURE__ */ new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
function isExpired(expires, today) {
  return expires !== void 0 && expires < today;
}
function parseDurationDays(text) {
  const match = /^([1-9][0-9]{0,4})([dw])$/.exec(text.trim());
  if (!match) return void 0;
  return Number(match[1]) * (match[2] === "w" ? 7 : 1);
}
function daysBetween(from, to) {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 864e5);
}

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

// src/model/pipe-powers.ts
var PIPE_ACTIONS = [
  "view_cards",
  "comment",
  "create_card",
  "edit_card",
  "move_card",
  "view_reports",
  "export_reports",
  "edit_settings",
  "manage_members"
];
var PIPE_POWERS = {
  "read-only": row({ view_cards: "yes", comment: "yes" }),
  "restricted-view": row({ view_cards: "own", comment: "own", create_card: "yes", edit_card: "own" }),
  member: row({
    view_cards: "yes",
    comment: "yes",
    create_card: "yes",
    edit_card: "yes",
    move_card: "yes",
    view_reports: "yes",
    export_reports: "yes"
  }),
  admin: row(Object.fromEntries(PIPE_ACTIONS.map((action) => [action, "yes"])))
};
var PUBLIC_PIPE_POWERS = row({ view_cards: "yes" });
function row(allowed) {
  return Object.fromEntries(PIPE_ACTIONS.map((action) => [action, allowed[action] ?? "no"]));
}
function effectiveSettings(settings = {}) {
  return {
    onlyAdminsManagePipeMembers: settings.onlyAdminsManagePipeMembers ?? false,
    guestsCanCreatePipes: settings.guestsCanCreatePipes ?? true
  };
}
function pipeLevelPower(level, action, settings) {
  if (action === "manage_members" && settings.onlyAdminsManagePipeMembers) return "no";
  return PIPE_POWERS[level][action];
}
function decidePipeAction(pipe, action, cardOwner, facts) {
  const deny = (reason) => ({ allowed: false, reason });
  const person = facts.person;
  if (!person) return deny("a workspace key carries integrations only; pipe actions belong to people");
  if (isExpired(person.expires, facts.today)) return deny(`${person.email}'s membership expired on ${person.expires}`);
  if (isGuest(person.role)) return deny(`${person.email} is a ${person.role}; guests use shared forms, not pipes`);
  if (!facts.pipe) {
    return isPrivileged(person.role) ? deny(`pipe ${pipe} does not exist`) : deny(notVisible(person.email, pipe));
  }
  if (isPrivileged(person.role)) {
    return { allowed: true, reason: `company ${person.role} ${person.email} may do everything in every pipe` };
  }
  const level = facts.level;
  let power;
  let as;
  if (level) {
    power = pipeLevelPower(level, action, facts.settings);
    as = `${level} of pipe ${pipe}`;
  } else if (facts.pipe.visibility === "public") {
    power = PUBLIC_PIPE_POWERS[action];
    as = `company member in public pipe ${pipe}`;
  } else {
    return deny(notVisible(person.email, pipe));
  }
  if (power === "no") {
    const reserved = action === "manage_members" && level === "admin" ? "; settings.only_admins_manage_pipe_members reserves it to company owners and admins" : "";
    return deny(`${person.email} is ${as}, which may not ${action}${reserved}`);
  }
  if (power === "own" && cardOwner !== "self") {
    return deny(
      cardOwner === "other" ? `${person.email} is ${as}, which may ${action} only on cards they created or are responsible for` : `${person.email} is ${as}, which may ${action} only on their own cards; send card_owner: self or other`
    );
  }
  return {
    allowed: true,
    reason: `${person.email} is ${as}, which may ${action}${power === "own" ? " on their own cards" : ""}`
  };
}
function notVisible(email, pipe) {
  return `${email} is not a member of pipe ${pipe}, and no public pipe has that id`;
}
function pipeCreationRefusal(role, settings) {
  if (role === "external-guest") return "an external guest cannot create pipes";
  if (role === "guest" && settings.guestsCanCreatePipes === false)
    return "settings.guests_can_create_pipes is false: guests cannot create pipes";
  return void 0;
}
function hasPipeLevels(plan) {
  return plan !== "starter";
}
function creatorLevel(plan) {
  return hasPipeLevels(plan) ? "admin" : "member";
}
function roleAfterCreatingPipe(role) {
  return role === "guest" ? "member" : role;
}

// src/model/state.ts
function normalizeEmail(email) {
  return email.trim().normalize("NFC").toLowerCase();
}
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

// src/model/secret-shape.ts
var SECRET_PATTERN = /^rst_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;
function isDeliveredSecret(text) {
  return text.endsWith("\n") && SECRET_PATTERN.test(text.slice(0, -1));
}

// src/model/powers.ts
function requiredRole(change, target) {
  switch (change.kind) {
    case "workspace.update":
    case "integration.disconnect":
      return "owner";
    case "member.invite":
      return isPrivileged(change.role) ? "owner" : "admin";
    case "member.update":
      return holdsPrivilege(target) || change.role !== void 0 && isPrivileged(change.role) ? "owner" : "admin";
    case "integration.connect":
    case "integration.update":
    case "integration.adopt":
    case "pipe.create":
    case "pipe.update":
    case "pipe.adopt":
      return "admin";
    default:
      return holdsPrivilege(target) ? "owner" : "admin";
  }
}
function roleRefusal(actor, change, target) {
  if (isSelfService(actor, change, target)) return void 0;
  if (!isPrivileged(actor)) return pipePowerRefusal(actor, change, target);
  if (actor === "owner" || requiredRole(change, target) === "admin") return void 0;
  if (change.kind === "workspace.update") return "only an owner may change the workspace settings";
  if (change.kind === "integration.disconnect") return "only an owner may disconnect an integration";
  if (change.kind.startsWith("key."))
    return `only an owner may create, change, rotate or revoke a key that carries an owner's or admin's access (you are ${actor})`;
  if (change.kind === "member.invite" || change.kind === "member.update" && change.role !== void 0)
    return `only an owner may grant or take away owner or admin (you are ${actor})`;
  return `only an owner may change what an owner or admin holds (you are ${actor})`;
}
function membersConcerned(change, keyOwner) {
  const present = (...emails) => emails.filter((email) => email !== void 0);
  switch (change.kind) {
    case "key.create":
      return present(change.owner);
    case "key.replace":
      return present(change.owner, keyOwner(change.name));
    case "key.update":
    case "key.rotate":
    case "key.revoke":
    case "key.adopt":
      return present(keyOwner(change.name));
    default:
      return "email" in change ? [change.email] : [];
  }
}
function pipePowerRefusal(actor, change, target) {
  const settings = target.settings ?? {};
  if (change.kind === "pipe.create") {
    if (change.createdBy !== void 0) return "only owners and admins record a pipe as created by someone else";
    return pipeCreationRefusal(actor, settings);
  }
  if ((change.kind === "pipe_member.set" || change.kind === "pipe_member.remove") && target.actorPipeLevel) {
    if (target.actorPipeLevel === "admin" && settings.onlyAdminsManagePipeMembers)
      return `settings.only_admins_manage_pipe_members reserves managing pipe ${change.pipe}'s people to company owners and admins`;
    if (pipeLevelPower(target.actorPipeLevel, "manage_members", settings) !== "yes")
      return `only pipe ${change.pipe}'s admins (or company owners and admins) manage its people; you are ${target.actorPipeLevel}`;
    if (holdsPrivilege(target)) return `only an owner may change what an owner or admin holds (you are a pipe admin)`;
    return void 0;
  }
  return `a ${actor} cannot manage the workspace`;
}
function isSelfService(actor, change, target) {
  if (!target.ownKey || isGuest(actor)) return false;
  return change.kind === "key.create" && change.type === "personal" || change.kind === "key.revoke";
}
function holdsPrivilege(target) {
  return target.role !== void 0 && isPrivileged(target.role);
}

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  issuesSecret,
  changeSubject,
  describeChange,
  ProviderError,
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
  StoreError,
  DatabaseOpenError,
  todayUtc,
  isRealDate,
  isExpired,
  parseDurationDays,
  daysBetween,
  normalizeEmail,
  emptyState,
  SECRET_PATTERN,
  isDeliveredSecret,
  effectiveSettings,
  decidePipeAction,
  pipeCreationRefusal,
  hasPipeLevels,
  creatorLevel,
  roleAfterCreatingPipe,
  requiredRole,
  roleRefusal,
  membersConcerned,
  FULL_CAPABILITIES
};
