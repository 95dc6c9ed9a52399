// The pull request comment: the plan, whether its approvals are there, and the config change that
// produces it, under a hidden marker that carries the plan's digest and the head commit (so the
// merge run can tell which plan the reviewers saw). It always fits GitHub's body limit: what does
// not fit is cut with a pointer to the job summary, which holds everything.
import type { Plan } from '../plan/types.js';
import { markdownText } from '../render/markdown-text.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { summaryLine } from '../render/plan-sections.js';
import type { ApprovalDecision } from './approvals.js';
import { roomForBody } from './client.js';
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
  /** Said above the plan, e.g. that the provider block of a pull request is not applied from it. */
  notes?: readonly string[];
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
  const head = [approvalLine(input.approvals), ...(input.notes ?? []).map((note) => `> ${markdownText(note)}`)].join(
    '\n\n',
  );
  let plan = renderPlanMarkdown(input.plan);
  let truncated = false;
  // The plan first; the diff gets what room is left, and at least a line saying where it is.
  const planRoom = room - head.length - 600;
  if (plan.length > planRoom) {
    plan = `### roster plan for this pull request\n\n**${markdownText(summaryLine(input.plan))}**\n\nThe plan is too long for a comment: it is in ${where}.\n`;
    truncated = true;
  }
  const diffRoom = room - head.length - plan.length - 200;
  const diff = configDiffMarkdown(input.diffs, Math.max(0, diffRoom));
  truncated ||= diff.truncated || diff.omitted.length > 0;
  const diffSection =
    input.diffs.length === 0
      ? ''
      : `<details><summary><b>Config change</b> (${input.diffs.length} file${input.diffs.length === 1 ? '' : 's'})</summary>\n\n${diff.markdown}${
          diff.truncated || diff.omitted.length > 0 ? `\n\nThe rest of the config change is in ${where}.\n` : ''
        }\n</details>\n`;
  return { marker, body: `${head}\n\n${plan}\n${diffSection}`, truncated };
}

function approvalLine(approvals: ApprovalDecision): string {
  return approvals.covered
    ? `**Approvals:** ${markdownText(approvals.message)}`
    : `> [!IMPORTANT]\n> **Approvals:** ${markdownText(approvals.message)}`;
}
