// `roster plan --summary`: the counts per kind of change and the summary line, nothing else; for a
// plan too long to read line by line.
import type { Plan } from '../plan/types.js';
import { countsByKind, newWorkspaceLine, summaryLine } from './plan-sections.js';

export function renderPlanSummary(plan: Plan): string {
  const counts = countsByKind(plan);
  const width = Math.max(0, ...[...counts.keys()].map((kind) => kind.length));
  const lines = [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `  ${kind.padEnd(width)}  ${count}`);
  const blocked = plan.blocked.length
    ? [`Blocked: ${plan.blocked.length} guard(s) refuse this plan; run roster plan without --summary to see why.`]
    : [];
  // A mistyped provider.path must show here too: the workspace is new.
  const fresh = plan.newWorkspace ? [newWorkspaceLine(plan)] : [];
  return `${[...fresh, ...lines, summaryLine(plan), ...blocked].join('\n')}\n`;
}
