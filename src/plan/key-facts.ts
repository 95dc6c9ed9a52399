// What the plan says about a key besides its diff: who must approve touching it, how old its
// secret is, and where a new secret goes.
import { relative } from 'node:path';
import { daysBetween } from '../model/dates.js';
import type { Key } from '../model/state.js';
import { isPrivileged } from '../model/vocabulary.js';
import type { DiffContext } from './context.js';
import type { PlannedChange } from './types.js';

/**
 * A personal key carries its owner's access: one of an owner or admin is as strong as they are,
 * so only an owner creates, replaces, rotates, updates or revokes it (before or after the change).
 */
export function keyApproval(ctx: DiffContext, ...keys: Key[]): PlannedChange['approval'] {
  const privileged = (email: string) =>
    [ctx.actualMembers.get(email), ctx.desiredMembers.get(email)].some((m) => m && isPrivileged(m.role));
  return keys.some((key) => key.type === 'personal' && key.owner && privileged(key.owner)) ? 'owner' : 'admin';
}

/** Days since the secret was made (last rotation, else creation); undefined when unknown. */
export function keyAgeDays(ctx: DiffContext, key: Key): number | undefined {
  const since = key.rotatedAt ?? key.createdAt;
  return since ? daysBetween(since.slice(0, 10), ctx.today) : undefined;
}

/** "secret to .roster/secrets/bot.key": a reviewer sees where a new secret is sent. */
export function deliverySummary(ctx: DiffContext, key: Key): string {
  const target = key.deliver;
  if (!target) return 'no deliver target';
  if ('githubSecret' in target)
    return `secret to GitHub secret ${target.githubSecret.name} of ${target.githubSecret.repo}`;
  return `secret to ${ctx.configDir ? relative(ctx.configDir, target.file) || target.file : target.file}`;
}
