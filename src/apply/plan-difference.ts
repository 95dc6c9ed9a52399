// Why a saved plan is no longer the plan: the changes it holds that a plan made now does not, and
// those a plan made now holds that it does not, in the plan's own words. A reviewer reads this to
// decide whether to plan again, instead of comparing two digests.
import { canonicalJson } from '../plan/digest.js';
import type { PlannedChange } from '../plan/types.js';
import { displaySubject } from '../render/plan-sections.js';

/** How many changes of each side are named; the rest are counted. */
const SHOWN = 10;

/** "since it was saved:\n  no longer planned (1):\n    m@x.io: + no-delete on stripe\n  newly planned ...". */
export function planDifference(saved: readonly PlannedChange[], fresh: readonly PlannedChange[]): string {
  const savedKeys = new Set(saved.map((c) => canonicalJson(c.change)));
  const freshKeys = new Set(fresh.map((c) => canonicalJson(c.change)));
  const gone = saved.filter((c) => !freshKeys.has(canonicalJson(c.change)));
  const added = fresh.filter((c) => !savedKeys.has(canonicalJson(c.change)));
  if (gone.length === 0 && added.length === 0) return 'it holds the same changes, in another order';
  return ['since it was saved:', ...section('no longer planned', gone), ...section('newly planned', added)].join('\n');
}

function section(title: string, changes: readonly PlannedChange[]): string[] {
  if (changes.length === 0) return [];
  const more = changes.length - SHOWN;
  return [
    `  ${title} (${changes.length}):`,
    ...changes.slice(0, SHOWN).map((c) => `    ${displaySubject(c.subject)}: ${c.summary}`),
    ...(more > 0 ? [`    and ${more} more`] : []),
  ];
}
