// `command: plan` on a pull request: plan the merged config against the workspace the BASE branch
// names, check the plan's approvals against the reviews (reviewers mapped through the base
// branch's github logins), and keep one comment on the pull request with the approval state, the
// plan and the config change. The step fails while the plan is blocked or not approved enough.
import { AppError, expectedFailure } from '../app/errors.js';
import { preparePlan } from '../app/prepare-plan.js';
import { checkApprovals } from '../github/approvals.js';
import { steeringBlocks, steeringChanges } from '../github/config-blocks.js';
import type { GitHubApi } from '../github/client.js';
import { configDiff, configFilePaths } from '../github/config-diff.js';
import { configDiffMarkdown } from '../github/config-diff-markdown.js';
import { hiddenMarker } from '../github/markers.js';
import { PLAN_MARKER_KIND, planComment } from '../github/plan-comment.js';
import { markdownCode, markdownText } from '../render/markdown-text.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { actionIo, annotateBaseErrors, readBase, runUrl } from './base.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import { reportPlan } from './plan.js';
import type { ActionReporter } from './reporter.js';
import { reportDiagnostics, validateCommand } from './validate.js';
import type { Diagnostic } from '../config/diagnostic.js';

interface PullRequestEvent {
  number: number;
  author: string;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** The head branch lives in a fork: the run has no secrets, so it validates only, and fails. */
  fromFork: boolean;
}

export async function planPullRequest(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  github: GitHubApi,
): Promise<void> {
  const pr = pullRequestOf(ctx);
  if (pr.fromFork) {
    // Its run gets no secrets, so there is no plan and no approval to check: the check must not
    // pass, or a required check would let an unplanned change merge.
    await validateCommand(reporter, ctx, inputs);
    const note =
      'this pull request comes from a fork, whose run gets no secrets: roster validated its config but could not plan it or check its approvals. A maintainer pushes its branch to this repository and opens the pull request from there';
    await reporter.summary(`**roster:** ${note}.\n`);
    throw new AppError('fork-not-planned', note);
  }
  const posted = { comment: false };
  try {
    await planAndComment(reporter, ctx, inputs, github, pr, posted);
  } catch (error) {
    // A plan comment from an earlier push must not stay up looking approved: say why there is none.
    if (!posted.comment) {
      const marker = hiddenMarker(PLAN_MARKER_KIND, { head: pr.headSha });
      // Best effort: the step fails with the error itself either way.
      await github.upsertStickyComment(pr.number, marker, failureComment(error, ctx)).catch(() => undefined);
    }
    throw error;
  }
}

async function planAndComment(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  github: GitHubApi,
  pr: PullRequestEvent,
  posted: { comment: boolean },
): Promise<void> {
  const base = await readBase(ctx, inputs, pr.baseSha, `the base branch (${pr.baseRef})`);
  try {
    let diagnostics: readonly Diagnostic[] = [];
    const io = actionIo(reporter, ctx, inputs, (found) => (diagnostics = found));
    const prepared = await preparePlan(
      io,
      { config: inputs.config, baseConfig: base.provider, delivery: 'github', review: true },
      { write: false },
    ).finally(async () => {
      annotateBaseErrors(reporter, base, diagnostics);
      await reportDiagnostics(reporter, ctx, diagnostics);
    });
    await prepared.provider.close();
    const plan = prepared.plan;
    reportPlan(reporter, ctx, plan);

    const approvals = checkApprovals({
      changes: [
        ...plan.changes,
        ...steeringChanges(base.blocks, steeringBlocks(prepared.validation.model), inputs.config),
      ],
      baseMembers: base.members,
      reviews: await github.listReviews(pr.number),
      author: pr.author,
      headSha: pr.headSha,
    });
    const files = [...new Set([...base.files, ...configFilePaths(prepared.validation.model, ctx.workspace)])];
    // What is planned is the checkout (the pull request merged into its base): diff exactly that.
    const diffs = await configDiff(ctx.workspace, pr.baseSha, 'HEAD', files);
    const comment = planComment({ plan, headSha: pr.headSha, approvals, diffs, runUrl: runUrl(ctx) });
    await github.upsertStickyComment(pr.number, comment.marker, comment.body);
    posted.comment = true;
    // The job summary is where the comment points when it is cut: the whole plan goes there.
    await reporter.summary(
      `**Approvals:** ${markdownText(approvals.message)}\n\n${renderPlanMarkdown(plan, { maxLength: Infinity })}\n${configDiffMarkdown(diffs).markdown}\n`,
    );

    if (plan.blocked.length > 0) {
      throw new AppError('plan-blocked', `the plan is blocked by ${plan.blocked.map((g) => g.code).join(', ')}`);
    }
    if (!approvals.covered) throw new AppError('approval-missing', approvals.message);
    reporter.info(`Approvals: ${approvals.message}`);
  } finally {
    base.cleanup();
  }
}

/** The sticky comment when there is no plan to show: what stopped it, and where the details are. */
function failureComment(error: unknown, ctx: GithubContext): string {
  const expected = expectedFailure(error);
  const why = expected ? `${markdownCode(`[${expected.code}]`)} ${markdownText(expected.message)}` : 'an internal error';
  const run = runUrl(ctx);
  return `> [!CAUTION]\n> **roster could not plan this pull request:** ${why}\n\nNothing here is approved until a plan is shown. The annotations and the job summary of ${run ? `[this run](${run})` : 'this run'} say what to fix.\n`;
}

function pullRequestOf(ctx: GithubContext): PullRequestEvent {
  const pr = ctx.payload.pull_request as
    | {
        number?: number;
        user?: { login?: string };
        head?: { sha?: string; repo?: { full_name?: string } | null };
        base?: { sha?: string; ref?: string };
      }
    | undefined;
  if (!pr?.number || !pr.head?.sha || !pr.base?.sha || !pr.user?.login) {
    throw new AppError(
      'not-a-pull-request',
      `command: plan comments on pull requests: run it on pull_request or pull_request_review events (this is ${ctx.eventName || 'no event'})`,
    );
  }
  return {
    number: pr.number,
    author: pr.user.login,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref ?? 'base',
    fromFork: pr.head.repo?.full_name !== `${ctx.owner}/${ctx.repo}`,
  };
}
