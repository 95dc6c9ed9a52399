// Whether a key may call one tool of one integration. Pure: the caller looks up the facts.
// A personal key carries at most its owner's access, narrowed by its scope; a workspace key
// carries exactly its scope, or every tool of every connected integration when it is scoped to
// all of them. Every `expires` counts from the day after it, against `today` (an input, so the
// answer is a function of the state and the date).
import { isBroadKey } from './broad-key.js';
import { isExpired } from './dates.js';
import type { Grant, ScopeEntry } from './state.js';
import { isGuest, isPrivileged, profileAllows, type Role, type ToolKind } from './vocabulary.js';

export interface AuthorizeFacts {
  today: string;
  key: { name: string; type: 'personal' | 'workspace'; scope: ScopeEntry[]; allIntegrations?: true };
  /** The owner of a personal key, with their membership's last day. */
  owner?: { email: string; role: Role; expires?: string };
  /** The owner's grant on the integration, if any. */
  grant?: Grant;
  /**
   * The integration's tool catalog, or undefined when the integration is not connected. A Map:
   * tool names come from callers, and `constructor` or `__proto__` must not find anything.
   */
  tools?: ReadonlyMap<string, ToolKind>;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

export function authorize(integration: string, tool: string, facts: AuthorizeFacts): Decision {
  const deny = (reason: string): Decision => ({ allowed: false, reason });
  const entry = facts.key.scope.find((scope) => scope.integration === integration);

  // First whether the caller was given the integration at all, with one answer whether it is
  // connected or not: a member learns nothing about integrations they were not given.
  const owner = facts.owner;
  if (facts.key.type === 'personal') {
    if (!owner) return deny(`key ${facts.key.name} has no active owner`);
    if (isExpired(owner.expires, facts.today)) return deny(`${owner.email}'s membership expired on ${owner.expires}`);
    if (isGuest(owner.role)) return deny(`${owner.email} is a ${owner.role}; guests use shared forms only`);
    if (!isPrivileged(owner.role) && !facts.grant) return deny(`${owner.email} is not assigned to ${integration}`);
  } else if (!entry && !isBroadKey(facts.key)) {
    return deny(`key ${facts.key.name} is not scoped to ${integration}`);
  }

  if (!facts.tools) return deny(`integration ${integration} is not connected`);
  const kind = facts.tools.get(tool);
  if (!kind) return deny(`integration ${integration} has no tool ${tool}`);

  if (owner && facts.key.type === 'personal') {
    const grant = facts.grant;
    if (grant && !isPrivileged(owner.role)) {
      if (isExpired(grant.expires, facts.today))
        return deny(`${owner.email}'s access to ${integration} expired on ${grant.expires}`);
      const refused = checkProfile(grant, kind, tool, `${owner.email}'s profile`);
      if (refused) return deny(refused);
    }
    if (facts.key.scope.length === 0) {
      return { allowed: true, reason: `${owner.role} ${owner.email} may use ${tool} (${kind})` };
    }
  }

  if (!entry) {
    if (isBroadKey(facts.key))
      return { allowed: true, reason: `key ${facts.key.name} may use ${tool} (${kind}) on every integration` };
    return deny(`key ${facts.key.name} is not scoped to ${integration}`);
  }
  const refused = checkProfile(entry, kind, tool, `key ${facts.key.name}'s scope`);
  if (refused) return deny(refused);
  return {
    allowed: true,
    reason: `key ${facts.key.name} may use ${tool} (${kind}) on ${integration} with ${entry.profile}`,
  };
}

function checkProfile(
  grant: { profile: Grant['profile']; disabledTools: string[] },
  kind: ToolKind,
  tool: string,
  whose: string,
): string | undefined {
  if (!profileAllows(grant.profile, kind)) return `${whose} is ${grant.profile}, which does not allow ${kind} tools`;
  if (grant.disabledTools.includes(tool)) return `${tool} is disabled in ${whose}`;
  return undefined;
}
