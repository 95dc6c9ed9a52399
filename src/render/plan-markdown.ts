// The plan for a pull request comment: impact first, every line with its source and approver.
// Every value in it comes from a config or a workspace, so each goes through markdownCode (names)
// or markdownText (sentences that embed names) and renders as literal text.
import type { Plan, PlannedChange } from '../plan/types.js';
import {
  attentionChanges,
  countsByKind,
  newWorkspaceLine,
  displaySubject,
  originsOf,
  planGroups,
  summaryLine,
  symbolOf,
  where,
} from './plan-sections.js';
import { markdownCode, markdownText } from './markdown-text.js';

/** Fits a pull request comment (GitHub takes 65,536) with room for what goes around the plan. */
export const MARKDOWN_PLAN_LIMIT = 60_000;

export interface MarkdownPlanOptions {
  /** The longest plan to write, in characters; a longer one is shortened to counts per kind. */
  maxLength?: number;
  /** Where the whole plan is, as Markdown, for the line that ends a shortened plan. */
  fullPlanAt?: string;
}

const DEFAULT_FULL_PLAN_AT = 'the output of `roster plan` (text) or `roster plan --format json`';

export function renderPlanMarkdown(plan: Plan, options: MarkdownPlanOptions = {}): string {
  return planMarkdown(plan, options).markdown;
}

/** The plan as Markdown, whole when it fits in maxLength, and whether it had to be shortened. */
export function planMarkdown(
  plan: Plan,
  { maxLength = MARKDOWN_PLAN_LIMIT, fullPlanAt = DEFAULT_FULL_PLAN_AT }: MarkdownPlanOptions = {},
): { markdown: string; shortened: boolean } {
  const whole = wholePlan(plan);
  if (whole.length <= maxLength) return { markdown: whole, shortened: false };
  return { markdown: shortPlan(plan, maxLength, fullPlanAt), shortened: true };
}

const TABLE = { inTable: true };
const TABLE_HEAD = '| | who | change | why | source | approval |\n|---|---|---|---|---|---|\n';

function row(change: PlannedChange): string {
  return `| \`${symbolOf(change)}\` | ${markdownCode(displaySubject(change.subject), TABLE)} | ${markdownText([change.summary, originsOf(change)].filter(Boolean).join(' '), TABLE)} | ${markdownText(change.reason ?? '', TABLE)} | ${markdownCode(where(change.source), TABLE)} | ${change.approval}${change.pipeAdmins ? ` or pipe admin ${change.pipeAdmins.map((email) => markdownCode(email, TABLE)).join(', ')}` : ''} |\n`;
}

/** The title, the summary line and, for a workspace that does not exist yet, that it is new. */
function heading(plan: Plan): string {
  const fresh = plan.newWorkspace ? `${markdownText(newWorkspaceLine(plan))}\n\n` : '';
  return `### roster plan for ${plan.workspace ? markdownCode(plan.workspace) : '(unnamed)'}\n\n**${summaryLine(plan)}**\n\n${fresh}`;
}

function guardLine(guard: Plan['blocked'][number]): string {
  return `> - ${markdownCode(guard.code)}: ${markdownText(guard.message)}${guard.override ? ` (override: ${markdownCode(guard.override)})` : ''}\n`;
}

function footer(plan: Plan): string {
  return `<sub>Plan ${markdownCode(plan.digest)} against state version ${markdownCode(plan.stateVersion)} of ${markdownText(plan.provider)}.</sub>\n`;
}

const ATTENTION = '#### Needs attention: privilege escalations and destructive changes\n\n';
const BLOCKED = '> [!CAUTION]\n> **Blocked: this plan will not be applied.**\n';

function wholePlan(plan: Plan): string {
  let out = heading(plan);
  if (plan.blocked.length > 0) out += `${BLOCKED}${plan.blocked.map(guardLine).join('')}\n`;
  const attention = attentionChanges(plan);
  if (attention.length > 0) out += `${ATTENTION}${TABLE_HEAD}${attention.map(row).join('')}\n`;
  for (const group of planGroups(plan)) {
    out += `<details${group.title.startsWith('Drift') ? ' open' : ''}><summary><b>${group.title}</b> (${group.subjects.length})</summary>\n\n`;
    out += `${TABLE_HEAD}${group.subjects
      .flatMap((s) => s.changes)
      .map(row)
      .join('')}\n</details>\n\n`;
  }
  if (plan.warnings.length > 0)
    out += `#### Warnings\n\n${plan.warnings.map((w) => `- ${markdownText(w.message)}\n`).join('')}\n`;
  return out + footer(plan);
}

/**
 * A plan too long to show whole (hundreds of people changed at once): the summary, the guards, a
 * count per kind of change and where the whole plan is, then as many of the changes that need
 * attention as still fit, so a reviewer sees the riskiest first.
 */
function shortPlan(plan: Plan, maxLength: number, fullPlanAt: string): string {
  const counts = countsByKind(plan);
  const head =
    heading(plan) +
    `The plan is too long to show here (${plan.changes.length} changes); the full plan is in ${fullPlanAt}.\n\n` +
    `| change | count |\n|---|---|\n${[...counts].map(([kind, n]) => `| ${markdownCode(kind, TABLE)} | ${n} |\n`).join('')}\n`;
  const tail = footer(plan);
  let room = maxLength - head.length - tail.length;
  let body = '';
  /** Adds a section's lines while they fit, saying how many did not. */
  const section = (title: string, lines: string[], what: string) => {
    if (lines.length === 0) return;
    const more = (n: number) => `\n…and ${n} more ${what} in the full plan.\n\n`;
    let text = title;
    let shown = 0;
    for (const line of lines) {
      if (text.length + line.length + more(lines.length).length > room) break;
      text += line;
      shown += 1;
    }
    if (shown === 0 && title.length + more(lines.length).length > room) return;
    text += shown === lines.length ? '\n' : more(lines.length - shown);
    body += text;
    room -= text.length;
  };
  section(BLOCKED, plan.blocked.map(guardLine), 'guards');
  section(ATTENTION + TABLE_HEAD, attentionChanges(plan).map(row), 'changes that need attention');
  section(
    '#### Warnings\n\n',
    plan.warnings.map((w) => `- ${markdownText(w.message)}\n`),
    'warnings',
  );
  return head + body + tail;
}
