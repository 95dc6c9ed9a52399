// What the plan says about a key besides its diff: how old its secret is, and where a new secret
// goes.
import { relative } from 'node:path';
import { daysBetween } from '../model/dates.js';
import type { Key } from '../model/state.js';
import type { DiffContext } from './context.js';

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
