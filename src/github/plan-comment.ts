// The pull request comment: the plan, whether its approvals are there, and the config change that
// produces it, under a hidden marker that carries the plan's digest and the head commit it was made
// for. Any workflow of the repository can write such a comment, so the apply never trusts it: it
// rests on git and the workspace (src/action/base-applied.ts). It always fits GitHub's body limit:
// what does not fit is cut with a pointer to the job summary, which holds everything.
import type { Plan } from '../plan/types.js';
import { markdownText } from '../render/markdown-text.js';
import { planMarkdown } from '../render/plan-markdown.js';
import { summaryLine } from '../render/plan-sections.js';
import type { ApprovalDecision } from './approvals.js';
import { bodyLength, roomForBody } from './client.js';
import type { ConfigFileDiff } from './config-diff.js';
import { configDiffMarkdown } from './config-diff-markdown.js';
import { hiddenMarker } from './markers.js';

export const PLAN_MARKER_KIND = 'plan';

export interface PlanCommentInput {
  plan: Plan;
  headSha: string;
  approvals: ApprovalDecision;
  diffs: readonly ConfigFileDiff[];
  /** Where the whole plan is when the comment has to leave some of it out (the run's page). */
  runUrl?: string;
}

export interface PlanComment {
  marker: string;
  body: string;
  /** Some of the plan or the config diff was left out for length. */
  truncated: boolean;
}

export function planComment(input: PlanCommentInput): PlanComment {
  const marker = hiddenMarker(PLAN_MARKER_KIND, { digest: input.plan.digest, head: input.headSha });
  const room = roomForBody(marker);
  const where = input.runUrl ? `the job summary of [this run](${input.runUrl})` : "this run's job summary";
  const head = approvalLine(input.approvals);
  const assemble = (plan: string, diff: string) => `${head}\n\n${plan}\n${diff}`;
  const diffSection = (markdown: string, cut: boolean) =>
    input.diffs.length === 0
      ? ''
      : `<details><summary><b>Config change</b> (${input.diffs.length} file${input.diffs.length === 1 ? '' : 's'})</summary>\n\n${markdown}${
          cut ? `\n\nThe rest of the config change is in ${where}.\n` : ''
        }\n</details>\n`;
  // The plan first, whole or as its summary line; the diff gets the room that is left, measured
  // with its wrapper and pointer around it.
  const shown = planMarkdown(input.plan, { fullPlanAt: where });
  let plan = shown.markdown;
  let truncated = shown.shortened;
  if (bodyLength(assemble(plan, diffSection('', true))) > room) {
    plan = `### roster plan for this pull request\n\n**${markdownText(summaryLine(input.plan))}**\n\nThe plan is too long for a comment: it is in ${where}.\n`;
    truncated = true;
  }
  const whole = configDiffMarkdown(input.diffs);
  let body = assemble(plan, diffSection(whole.markdown, false));
  if (bodyLength(body) > room) {
    const left = room - bodyLength(assemble(plan, diffSection('', true)));
    const cut = configDiffMarkdown(input.diffs, Math.max(0, left));
    body = assemble(plan, diffSection(cut.markdown, true));
    truncated = true;
  }
  return { marker, body, truncated };
}

function approvalLine(approvals: ApprovalDecision): string {
  return approvals.covered
    ? `**Approvals:** ${markdownText(approvals.message)}`
    : `> [!IMPORTANT]\n> **Approvals:** ${markdownText(approvals.message)}`;
}
