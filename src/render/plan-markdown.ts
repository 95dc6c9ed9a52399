// The plan for a pull request comment: impact first, every line with its source and approver.
import type { Plan, PlannedChange } from '../plan/types.js';
import {
  attentionChanges,
  displaySubject,
  originsOf,
  planGroups,
  summaryLine,
  symbolOf,
  where,
} from './plan-sections.js';

export function renderPlanMarkdown(plan: Plan): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const row = (change: PlannedChange) =>
    `| \`${symbolOf(change)}\` | ${cell(displaySubject(change.subject))} | ${cell([change.summary, originsOf(change)].filter(Boolean).join(' '))} | ${cell(change.reason ?? '')} | ${cell(where(change.source))} | ${change.approval} |\n`;
  const table = (changes: PlannedChange[]) =>
    `| | who | change | why | source | approval |\n|---|---|---|---|---|---|\n${changes.map(row).join('')}`;

  let out = `### roster plan for \`${plan.workspace || '(unnamed)'}\`\n\n**${summaryLine(plan)}**\n\n`;
  if (plan.blocked.length > 0) {
    out += '> [!CAUTION]\n> **Blocked: this plan will not be applied.**\n';
    for (const guard of plan.blocked)
      out += `> - \`${guard.code}\`: ${guard.message}${guard.override ? ` (override: \`${guard.override}\`)` : ''}\n`;
    out += '\n';
  }
  const attention = attentionChanges(plan);
  if (attention.length > 0)
    out += `#### Needs attention: privilege escalations and destructive changes\n\n${table(attention)}\n`;
  for (const group of planGroups(plan)) {
    out += `<details${group.title.startsWith('Drift') ? ' open' : ''}><summary><b>${group.title}</b> (${group.subjects.length})</summary>\n\n`;
    out += `${table(group.subjects.flatMap((s) => s.changes))}\n</details>\n\n`;
  }
  if (plan.warnings.length > 0) out += `#### Warnings\n\n${plan.warnings.map((w) => `- ${w.message}`).join('\n')}\n\n`;
  out += `<sub>Plan \`${plan.digest}\` against state version \`${plan.stateVersion}\` of ${cell(plan.provider)}.</sub>\n`;
  return out;
}
