// Rules a config's own policy sets for the config: it cannot declare what its policy forbids.
import { normalizeEmail } from '../model/state.js';
import type { SourceRef } from '../model/state.js';
import { type ConfigModel, where } from './model.js';

/** A member may not be declared more personal keys than policy.personal_keys.max_per_member. */
export function checkPersonalKeyLimit(
  model: ConfigModel,
  error: (code: string, message: string, at: SourceRef) => void,
): void {
  const limit = model.policy.personalKeys.maxPerMember;
  if (limit === undefined) return;
  const byOwner = new Map<string, ConfigModel['keys']>();
  for (const entry of model.keys) {
    if (entry.value.type !== 'personal' || !entry.value.owner) continue;
    const owner = normalizeEmail(entry.value.owner);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), entry]);
  }
  for (const [owner, entries] of byOwner) {
    if (entries.length <= limit) continue;
    const first = where(entries[0]!);
    error(
      'too-many-personal-keys',
      `${owner} is declared ${entries.length} personal keys (from ${first.file}:${first.line}); policy.personal_keys.max_per_member is ${limit}: remove ${entries.length - limit} or raise the limit`,
      where(entries[limit]!),
    );
  }
}
