// The plan for a terminal: Terraform-like + ~ - lines, colour only on a TTY. Names come from a
// config or a workspace, and a workspace's were never validated: each goes through visible(), so
// the only escape sequences printed are this renderer's own colours.
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
import { visible } from './visible.js';

const COLOURS = {
  '+': '\x1b[32m',
  '~': '\x1b[33m',
  '-': '\x1b[31m',
  '=': '\x1b[36m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  reset: '\x1b[0m',
};

export function renderPlanText(plan: Plan, options: { colour: boolean }): string {
  const paint = (code: keyof typeof COLOURS, text: string) =>
    options.colour ? `${COLOURS[code]}${text}${COLOURS.reset}` : text;
  const line = (change: PlannedChange, withSubject: boolean) => {
    const symbol = symbolOf(change);
    const details = visible(
      [
        originsOf(change),
        change.reason ?? '',
        where(change.source),
        change.approval === 'owner' ? '[owner approval]' : '',
        change.pipeAdmins ? `[admin or pipe admin ${change.pipeAdmins.join(', ')}]` : '',
      ]
        .filter(Boolean)
        .join('  '),
    );
    const text = visible(`${withSubject ? `${displaySubject(change.subject)}: ` : ''}${change.summary}`);
    return `    ${paint(symbol, `${symbol} ${text}`)}${details ? `  ${paint('dim', details)}` : ''}\n`;
  };

  let out = `${visible(`roster plan for workspace ${plan.workspace || '(unnamed)'} on ${plan.provider} (state version ${plan.stateVersion})`)}\n`;
  if (plan.newWorkspace) out += `${visible(newWorkspaceLine(plan))}\n`;
  const attention = attentionChanges(plan);
  if (attention.length > 0) {
    out += `\n${paint('bold', 'Needs attention: privilege escalations and destructive changes')}\n`;
    for (const change of attention) out += line(change, true);
  }
  for (const group of planGroups(plan)) {
    out += `\n${paint('bold', group.title)}\n`;
    for (const { subject, changes } of group.subjects) {
      out += `  ${visible(displaySubject(subject))}\n`;
      for (const change of changes) out += line(change, false);
    }
  }
  if (plan.warnings.length > 0) {
    out += `\n${paint('bold', 'Warnings')}\n`;
    for (const warning of plan.warnings) out += `  ! ${visible(warning.message)}\n`;
  }
  if (plan.blocked.length > 0) {
    out += `\n${paint('bold', paint('-', 'Blocked: this plan will not be applied'))}\n`;
    for (const guard of plan.blocked) {
      out += `  ${paint('-', `x ${guard.code}`)}: ${visible(`${guard.message}${guard.override ? ` (override: ${guard.override})` : ''}`)}\n`;
    }
  }
  return `${out}\n${paint('bold', summaryLine(plan))}\n`;
}
