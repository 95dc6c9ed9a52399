// Groups a plan the way a reviewer reads it: what needs attention first, then per person and
// per key, then drift (things created outside roster), warnings and blocking guards. Each change
// shows once: what needs attention is only in its own section, the groups hold the rest.
import type { SourceRef } from '../model/state.js';
import type { Plan, PlannedChange } from '../plan/types.js';

export interface PlanGroup {
  title: string;
  subjects: { subject: string; changes: PlannedChange[] }[];
}

export function attentionChanges(plan: Plan): PlannedChange[] {
  return plan.changes.filter(needsAttention);
}

function needsAttention(change: PlannedChange): boolean {
  return change.escalation || change.destructive;
}

export function planGroups(plan: Plan): PlanGroup[] {
  const groups: [string, (c: PlannedChange) => boolean][] = [
    ['Workspace', (c) => !c.unmanaged && !isPerson(c.subject) && !c.subject.startsWith('key:')],
    ['People', (c) => !c.unmanaged && isPerson(c.subject)],
    ['Keys', (c) => !c.unmanaged && c.subject.startsWith('key:')],
    ['Drift: in the workspace but not in the config', (c) => c.unmanaged],
  ];
  return groups
    .map(([title, belongs]) => ({
      title,
      subjects: bySubject(plan.changes.filter((c) => !needsAttention(c) && belongs(c))),
    }))
    .filter((group) => group.subjects.length > 0);
}

export function symbolOf(change: PlannedChange): '+' | '~' | '-' | '=' {
  if (change.action === 'adopt') return '='; // no access changes, only who manages it
  return change.action === 'create' ? '+' : change.action === 'delete' ? '-' : '~';
}

export function displaySubject(subject: string): string {
  return subject.startsWith('key:') ? `key ${subject.slice(4)}` : subject.replace(':', ' ');
}

export function where(source: SourceRef | undefined): string {
  return source ? `${source.file}:${source.line}:${source.col}` : '';
}

/** "(team:sales, direct)" when a grant combines several sources. */
export function originsOf(change: PlannedChange): string {
  return change.origins && change.origins.length > 0 ? `(${change.origins.map((o) => o.via).join(', ')})` : '';
}

/** Said first when the workspace does not exist yet: a mistyped provider.path looks like this. */
export function newWorkspaceLine(plan: Plan): string {
  return `New workspace: ${plan.provider} does not exist yet, so it is planned as empty (state version 0) and apply creates it. If you meant an existing workspace, check provider.path.`;
}

/** How many changes of each kind the plan makes, in the order kinds first appear. */
export function countsByKind(plan: Plan): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { change } of plan.changes) counts.set(change.kind, (counts.get(change.kind) ?? 0) + 1);
  return counts;
}

export function summaryLine(plan: Plan): string {
  if (plan.changes.length === 0) return 'No changes. The workspace matches the config.';
  const { add, change, remove, adopt, billableSeats } = plan.summary;
  const seats = billableSeats === 0 ? '' : `; billable seats ${billableSeats > 0 ? '+' : ''}${billableSeats}`;
  const adopted = adopt > 0 ? `, ${adopt} to adopt` : '';
  return `Plan: ${add} to add, ${change} to change, ${remove} to remove${adopted}${seats}`;
}

function isPerson(subject: string): boolean {
  return subject.includes('@');
}

function bySubject(changes: PlannedChange[]): PlanGroup['subjects'] {
  const map = new Map<string, PlannedChange[]>();
  for (const change of changes) map.set(change.subject, [...(map.get(change.subject) ?? []), change]);
  return [...map].map(([subject, list]) => ({ subject, changes: list }));
}
