// The plan for a pull request comment: impact first, every line with its source and approver.
// Every value in it comes from a config or a workspace, so each goes through markdownCode (names)
// or markdownText (sentences that embed names) and renders as literal text.
import type { Plan, PlannedChange } from '../plan/types.js';
import {
  attentionChanges,
  newWorkspaceLine,
  displaySubject,
  originsOf,
  planGroups,
  summaryLine,
  symbolOf,
  where,
} from './plan-sections.js';
import { markdownCode, markdownText } from './markdown-text.js';

export function renderPlanMarkdown(plan: Plan): string {
  const table = { inTable: true };
  const row = (change: PlannedChange) =>
    `| \`${symbolOf(change)}\` | ${markdownCode(displaySubject(change.subject), table)} | ${markdownText([change.summary, originsOf(change)].filter(Boolean).join(' '), table)} | ${markdownText(change.reason ?? '', table)} | ${markdownCode(where(change.source), table)} | ${change.approval} |\n`;
  const changesTable = (changes: PlannedChange[]) =>
    `| | who | change | why | source | approval |\n|---|---|---|---|---|---|\n${changes.map(row).join('')}`;

  let out = `### roster plan for ${plan.workspace ? markdownCode(plan.workspace) : '(unnamed)'}\n\n**${summaryLine(plan)}**\n\n`;
  if (plan.newWorkspace) out += `${markdownText(newWorkspaceLine(plan))}\n\n`;
  if (plan.blocked.length > 0) {
    out += '> [!CAUTION]\n> **Blocked: this plan will not be applied.**\n';
    for (const guard of plan.blocked)
      out += `> - ${markdownCode(guard.code)}: ${markdownText(guard.message)}${guard.override ? ` (override: ${markdownCode(guard.override)})` : ''}\n`;
    out += '\n';
  }
  const attention = attentionChanges(plan);
  if (attention.length > 0)
    out += `#### Needs attention: privilege escalations and destructive changes\n\n${changesTable(attention)}\n`;
  for (const group of planGroups(plan)) {
    out += `<details${group.title.startsWith('Drift') ? ' open' : ''}><summary><b>${group.title}</b> (${group.subjects.length})</summary>\n\n`;
    out += `${changesTable(group.subjects.flatMap((s) => s.changes))}\n</details>\n\n`;
  }
  if (plan.warnings.length > 0)
    out += `#### Warnings\n\n${plan.warnings.map((w) => `- ${markdownText(w.message)}`).join('\n')}\n\n`;
  out += `<sub>Plan ${markdownCode(plan.digest)} against state version ${markdownCode(plan.stateVersion)} of ${markdownText(plan.provider)}.</sub>\n`;
  return out;
}
