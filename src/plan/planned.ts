// Builds PlannedChange records with the defaults filled in, so each diff states only what differs.
import type { Change } from '../model/changes.js';
import type { PlannedChange } from './types.js';

const ACTION: Record<Change['kind'], PlannedChange['action']> = {
  'workspace.update': 'update',
  'member.invite': 'create',
  'member.update': 'update',
  'member.remove': 'delete',
  'integration.connect': 'create',
  'integration.update': 'update',
  'pipe.create': 'create',
  'pipe.update': 'update',
  'grant.set': 'update',
  'grant.remove': 'delete',
  'pipe_member.set': 'update',
  'pipe_member.remove': 'delete',
  'key.create': 'create',
  'key.update': 'update',
  'key.rotate': 'update',
  'key.retire_previous': 'update',
  'key.revoke': 'delete',
  'key.replace': 'update',
  'integration.disconnect': 'delete',
  'member.adopt': 'adopt',
  'integration.adopt': 'adopt',
  'pipe.adopt': 'adopt',
  'grant.adopt': 'adopt',
  'pipe_member.adopt': 'adopt',
  'key.adopt': 'adopt',
};

const REMOVAL_CLASS: Partial<Record<Change['kind'], PlannedChange['removalClass']>> = {
  'member.remove': 'members',
  'grant.remove': 'grants',
  'pipe_member.remove': 'pipe_memberships',
  'key.revoke': 'keys',
  'integration.disconnect': 'integrations',
};

export function planned(
  change: Change,
  subject: string,
  summary: string,
  extra: Partial<Omit<PlannedChange, 'change' | 'subject' | 'summary'>> = {},
): PlannedChange {
  const removalClass = REMOVAL_CLASS[change.kind];
  return {
    change,
    action: ACTION[change.kind],
    subject,
    summary,
    approval: 'admin', // set for every change by makePlan (approvals.ts)
    billing: 0,
    destructive: removalClass !== undefined,
    escalation: false,
    unmanaged: false,
    ...(removalClass ? { removalClass } : {}),
    ...extra,
  };
}

/** "a, b and 3 more", for lists that may be long. */
export function listOf(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Roster starts managing something the config declares; nothing about its access changes. */
export function adoption(change: Change, subject: string, extra: Partial<PlannedChange> = {}): PlannedChange {
  return planned(change, subject, 'adopt: roster manages it from now on', {
    reason: 'in the config, but made outside roster',
    ...extra,
  });
}
