// `command: drift`, for a schedule: plan the default branch's config against the workspace. When
// they differ (someone changed access by hand, or an apply failed), one issue labelled
// roster-drift holds the plan, updated on every run; when they match again, it is closed.
import { BODY_LIMIT, bodyLength, type GitHubApi } from '../github/client.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { summaryLine } from '../render/plan-sections.js';
import { runUrl } from './base.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import { planCommand } from './plan.js';
import type { ActionReporter } from './reporter.js';

export const DRIFT_LABEL = 'roster-drift';

export async function reportDrift(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  github: GitHubApi,
): Promise<void> {
  const { plan } = await planCommand(reporter, ctx, inputs, process.env);
  const run = runUrl(ctx);
  if (plan.changes.length === 0) {
    const closed = await github.closeIssue(
      DRIFT_LABEL,
      `The workspace matches the config again${run ? ` ([run](${run}))` : ''}.`,
    );
    if (closed.length > 0) reporter.info(`No drift any more: closed #${closed.join(', #')}.`);
    return;
  }
  const intro = `The workspace differs from the config on the default branch: applying the config would make these changes. Change the workspace back, or the config through a pull request.${
    run ? ` Found by [this run](${run}).` : ''
  }`;
  const full = `${intro}\n\n${renderPlanMarkdown(plan, { fullPlanAt: `the job summary of ${run ? `[this run](${run})` : 'this run'}` })}`;
  // GitHub refuses longer bodies; the job summary has the whole plan.
  const body = bodyLength(full) < BODY_LIMIT ? full : `${intro}\n\n**${summaryLine(plan)}**: the plan is in the job summary.`;
  const issue = await github.openOrUpdateIssue(DRIFT_LABEL, `roster: the workspace drifted from the config (${summaryLine(plan)})`, body);
  reporter.info(`Drift: ${summaryLine(plan)}; issue #${issue.number} ${issue.action}.`);
}
