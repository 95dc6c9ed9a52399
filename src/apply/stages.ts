// Which of a plan's changes may run at the same time, and which must wait for others: the plan is
// ordered by phase (src/plan/order.ts), and a change-by-change apply keeps that order between
// phases while running the changes of one phase concurrently.
import { type Change, changeSubject } from '../model/changes.js';
import { kindPhase } from '../plan/order.js';

/**
 * The plan's change indexes in stages: each stage starts when the one before has settled. Role
 * changes go one per stage, in the plan's order, so promotions land before demotions and the
 * workspace never drops below its owners midway.
 */
export function applyStages(changes: readonly Change[]): number[][] {
  const stages: number[][] = [];
  let phase: number | undefined;
  changes.forEach((change, index) => {
    const current = kindPhase(change.kind);
    if (change.kind === 'member.update' || current !== phase || stages.length === 0) stages.push([index]);
    else stages.at(-1)!.push(index);
    phase = change.kind === 'member.update' ? undefined : current;
  });
  return stages;
}

/** The person, pipe, integration or key a change is about: a later change about it depends on it. */
export function dependencyKeys(change: Change): string[] {
  const keys: string[] = [];
  const person = changeSubject(change);
  if (person) keys.push(`person:${person.toLowerCase()}`);
  if (change.kind.startsWith('pipe_member.') && 'pipe' in change) keys.push(`pipe:${change.pipe}`);
  if (change.kind.startsWith('grant.') && 'integration' in change) keys.push(`integration:${change.integration}`);
  if (change.kind.startsWith('pipe.') && 'id' in change) keys.push(`pipe:${change.id}`);
  if (change.kind.startsWith('integration.') && 'id' in change) keys.push(`integration:${change.id}`);
  if (change.kind.startsWith('key.') && 'name' in change) keys.push(`key:${change.name}`);
  return keys;
}

/**
 * What a change that did not land holds back: later changes about the same person or key, and,
 * when it was a pipe's or an integration's own change, the accesses to it (a membership in a pipe
 * that was not created cannot be given; another member of an existing pipe still can).
 */
export function blockedBy(change: Change): string[] {
  const own = dependencyKeys(change);
  if (change.kind.startsWith('pipe_member.') || change.kind.startsWith('grant.')) {
    return own.filter((key) => key.startsWith('person:'));
  }
  return own;
}
