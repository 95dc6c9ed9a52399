// policy.personal_keys for self-service personal keys (those the config does not declare):
// older than max_age, or beyond max_per_member for their owner (declared keys count first,
// then the newest self-service ones), they are revoked. Declared keys are rotated instead
// (see diff-keys).
import { parseDurationDays } from '../model/dates.js';
import type { Key } from '../model/state.js';
import { compareText } from '../model/compare.js';
import type { DiffContext } from './context.js';
import { keyAgeDays } from './key-facts.js';

export function maxPersonalKeyAgeDays(ctx: DiffContext): number | undefined {
  const maxAge = ctx.policy.personalKeys.maxAge;
  return maxAge ? parseDurationDays(maxAge) : undefined;
}

/** Self-service personal keys the policy retires, by name, with the reason. */
export function personalKeyRetirements(ctx: DiffContext, selfService: readonly Key[]): Map<string, string> {
  const retiring = new Map<string, string>();
  const maxAge = maxPersonalKeyAgeDays(ctx);
  const kept = new Map<string, Key[]>(); // owner -> self-service keys within max_age
  for (const key of selfService) {
    const age = keyAgeDays(ctx, key);
    if (maxAge !== undefined && age !== undefined && age > maxAge) {
      retiring.set(key.name, `it is ${age} days old; policy.personal_keys.max_age is ${maxAge} days`);
    } else if (key.owner) {
      kept.set(key.owner, [...(kept.get(key.owner) ?? []), key]);
    }
  }
  const limit = ctx.policy.personalKeys.maxPerMember;
  if (limit === undefined) return retiring;
  for (const [owner, keys] of kept) {
    const declared = ctx.desired.keys.filter((key) => key.type === 'personal' && key.owner === owner).length;
    const excess = declared + keys.length - limit;
    if (excess <= 0) continue;
    const oldestFirst = [...keys].sort(
      (a, b) => compareText(a.createdAt ?? '', b.createdAt ?? '') || compareText(a.name, b.name),
    );
    for (const key of oldestFirst.slice(0, excess)) {
      retiring.set(
        key.name,
        `${owner} has ${declared + keys.length} personal keys; policy.personal_keys.max_per_member is ${limit} (the oldest self-service keys go first)`,
      );
    }
  }
  return retiring;
}
