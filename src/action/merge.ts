// `command: apply` on a push to the default branch: apply the merged config's plan, reviewed on
// the merged pull request, or nothing. Refused, with nothing applied and the reason on the pull
// request, when the push is not to the default branch, when the pushed commit is no longer the
// branch's tip (a re-run of an old workflow must not roll access back), when it did not come from
// a pull request into that branch, when the workspace no longer matches the branch before the push
// (base-applied.ts: then the plan would hold changes nobody reviewed), or when the reviews (given
// before the merge, on the reviewed head) do not cover the plan.
import { ApplyError } from '../apply/apply-plan.js';
import { type ApplyOutcome, applyConfig, deliveryFailure, type GitHubSecretDelivery } from '../app/apply.js';
import type { DeliveryReport, Remedy } from '../app/deliver.js';
import { AppError } from '../app/errors.js';
import { checkApprovals } from '../github/approvals.js';
import { BODY_LIMIT, bodyLength, type GitHubApi, type PullRequest } from '../github/client.js';
import { steeringBlocks, steeringChanges } from '../github/config-blocks.js';
import { type ChangeContext, issuesSecret } from '../model/changes.js';
import type { Key } from '../model/state.js';
import type { Plan } from '../plan/types.js';
import { outcomeNote, reportSummary } from '../render/apply-report.js';
import { markdownCode, markdownText } from '../render/markdown-text.js';
import { displaySubject, summaryLine, symbolOf } from '../render/plan-sections.js';
import { renderPlanText } from '../render/plan-text.js';
import { actionIo, annotateBaseErrors, readBase, runUrl } from './base.js';
import { assertBaseApplied } from './base-applied.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionReporter } from './reporter.js';

const NO_COMMIT = /^0+$/;

export async function applyMerge(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  github: GitHubApi,
): Promise<void> {
  const branch = /^refs\/heads\/(.+)$/.exec(ctx.ref)?.[1];
  const payload = ctx.payload as { before?: string; repository?: { default_branch?: string } };
  const defaultBranch = payload.repository?.default_branch;
  if (ctx.eventName !== 'push' || !branch || branch !== defaultBranch) {
    throw new AppError(
      'not-a-push',
      `command: apply runs on a push to the default branch${defaultBranch ? ` (${defaultBranch})` : ''}; this is ${ctx.eventName || 'no event'}${branch ? ` to ${branch}` : ''}. Nothing was applied`,
    );
  }
  const pr = (await github.pullRequestsForCommit(ctx.sha)).find(
    (p) => p.mergeCommitSha === ctx.sha && p.baseRef === branch,
  );
  if (!pr) {
    throw new AppError(
      'no-pull-request',
      `${ctx.sha.slice(0, 7)} did not come from a pull request merged into ${branch}: access changes are applied only from reviewed pull requests. Nothing was applied`,
    );
  }
  let outcome: ApplyOutcome | undefined;
  const seen: { plan?: Plan; delivery?: DeliveryReport } = {};
  try {
    const tip = await github.branchTip(branch);
    if (tip !== ctx.sha) {
      throw new AppError(
        'not-the-tip',
        `this run is for ${ctx.sha.slice(0, 7)}, but ${branch} is now at ${tip.slice(0, 7)}: the run for the newer commit applies the config as it is now. Nothing was applied`,
      );
    }
    // The branch before this push, not the merge's parent: a rebase merge's parent is one of the
    // pull request's own commits, whose config the author wrote.
    const before = payload.before;
    if (!before || NO_COMMIT.test(before)) {
      throw new AppError('no-base', `the push names no commit it came after, so there is no base branch config to approve by. Nothing was applied`);
    }
    outcome = await applyReviewed(reporter, ctx, inputs, github, pr, before, seen);
    if (outcome.applied) for (const line of outcome.applied.delivery.delivered) reporter.info(line);
  } catch (error) {
    await announce(reporter, github, pr, outcome ?? landedPart(seen.plan, error, seen.delivery), seen.plan, ctx, error);
    throw error;
  }
  await announce(reporter, github, pr, outcome, outcome.plan, ctx, undefined);
  const failure = outcome.applied && deliveryFailure(outcome.applied.delivery);
  if (failure) throw failure;
}

async function applyReviewed(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  github: GitHubApi,
  pr: PullRequest,
  before: string,
  seen: { plan?: Plan; delivery?: DeliveryReport },
): Promise<ApplyOutcome> {
  const base = await readBase(ctx, inputs, before, `${pr.baseRef} before the merge`);
  annotateBaseErrors(reporter, base);
  try {
    // Reviews given before the merge only: approving a closed pull request changes nothing.
    const reviews = (await github.listReviews(pr.number)).filter(
      (review) => !pr.mergedAt || !review.submittedAt || review.submittedAt <= pr.mergedAt,
    );
    // Filled in once the plan is known and approved, before the first change is sent.
    const context: ChangeContext = { source: 'roster action', commit: ctx.sha, pullRequest: pr.number };
    return await applyConfig(
      actionIo(reporter, ctx, inputs),
      { config: inputs.config, baseConfig: base.provider, delivery: 'github', context },
      {
        planned: (plan) => {
          seen.plan = plan;
          reporter.info(renderPlanText(plan, { colour: false }).trimEnd());
        },
        beforeApply: async (plan, keys, model) => {
          // Finishing a rotation an earlier apply began changes no access: it needs no review, and
          // a plan of nothing else (a re-run after a secret could not be stored) rests on nothing more.
          const reviewed = plan.changes.filter((change) => !change.finishesRotation);
          if (reviewed.length > 0) await assertBaseApplied(reporter, ctx, inputs, base, plan, model, pr.baseRef);
          const approvals = checkApprovals({
            changes: [...reviewed, ...steeringChanges(base.blocks, steeringBlocks(model), inputs.config)],
            baseMembers: base.members,
            reviews,
            author: pr.author,
            headSha: pr.headSha,
          });
          if (!approvals.covered) throw new AppError('approval-missing', `${approvals.message}. Nothing was applied`);
          context.approvers = approvals.approvers.map((approver) => approver.login);
          await checkSecretTargets(github, plan, keys);
        },
        storeInGitHub: (toGitHub, report, remedy) => storeInGitHub(github, toGitHub, report, remedy),
        // Batches that landed before a failing one made secrets: they went where they belong.
        partialDelivery: (report) => {
          seen.delivery = report;
          for (const line of report.delivered) reporter.info(line);
        },
      },
    );
  } finally {
    base.cleanup();
  }
}

/** Stores each new secret as its repository's Actions secret; failures join the report. */
async function storeInGitHub(
  github: GitHubApi,
  deliveries: readonly GitHubSecretDelivery[],
  report: DeliveryReport,
  remedy: Remedy,
): Promise<void> {
  for (const delivery of deliveries) {
    try {
      await github.putRepositorySecret(delivery.repo, delivery.name, delivery.secret);
      report.delivered.push(`key ${delivery.key}: secret stored as ${delivery.name} in ${delivery.repo}`);
      report.keys.push(delivery.key);
    } catch (error) {
      report.failed.push(
        `key ${delivery.key}: the secret could not be stored as ${delivery.name} in ${delivery.repo} (${(error as Error).message}); ${remedy(delivery.key)}`,
      );
    }
  }
}

/**
 * A new secret bound for a repository the token cannot reach would be lost (a rotation's stays
 * unfinished, a created or replaced key's is nowhere): so reach every such repository first, and
 * refuse the whole apply, with the old keys still working, when one is out of reach.
 */
async function checkSecretTargets(github: GitHubApi, plan: Plan, keys: readonly Key[]): Promise<void> {
  const renewed = new Set(plan.changes.flatMap(({ change }) => (issuesSecret(change) ? [change.name] : [])));
  const repos = new Set(
    keys.flatMap((key) =>
      renewed.has(key.name) && key.deliver && 'githubSecret' in key.deliver ? [key.deliver.githubSecret.repo] : [],
    ),
  );
  for (const repo of repos) {
    try {
      await github.checkSecretAccess(repo);
    } catch (error) {
      throw new AppError(
        'secret-target-unreachable',
        `the github-token cannot store secrets in ${repo} (${(error as Error).message}); give it access to that repository's Actions secrets. Nothing was applied, so every key still works`,
      );
    }
  }
}

/**
 * What was applied (or why nothing was), everywhere a user looks: the merged pull request, the job
 * summary, the step's outputs (has-changes, summary, applied) and its log.
 */
async function announce(
  reporter: ActionReporter,
  github: GitHubApi,
  pr: PullRequest,
  outcome: ApplyOutcome | undefined,
  plan: Plan | undefined,
  ctx: GithubContext,
  error: unknown,
): Promise<void> {
  const body = reportBody(outcome, ctx.sha, error, runUrl(ctx));
  await report(github, pr, body);
  await reporter.summary(body);
  const applied = outcome?.applied ? appliedLine(outcome) : '';
  reporter.setOutput('has-changes', String((plan?.changes.length ?? 0) > 0));
  if (plan) reporter.setOutput('summary', summaryLine(plan));
  reporter.setOutput('applied', applied);
  const at = ctx.sha.slice(0, 7);
  reporter.info(
    applied
      ? `roster applied ${error ? 'part of ' : ''}${at}: ${applied}`
      : error
        ? `roster applied nothing of ${at}.`
        : `roster: nothing to apply at ${at}; the workspace already matches the config.`,
  );
}

/** One line saying what an apply carried out. */
function appliedLine(outcome: ApplyOutcome): string {
  const { result } = outcome.applied!;
  return result.report
    ? reportSummary(result.report)
    : `${summaryLine(outcome.plan)}; the workspace is now at state version ${result.version}.`;
}

/** The comment on the merged pull request: what was applied, and what was not and why. */
export function reportBody(outcome: ApplyOutcome | undefined, sha: string, error: unknown, run: string | undefined): string {
  const at = markdownCode(sha.slice(0, 7));
  const why = error instanceof Error ? markdownText(error.message) : '';
  if (!outcome?.applied) {
    return error
      ? `**roster did not apply this pull request:** ${why}`
      : `**roster:** nothing to apply at ${at}; the workspace already matches the config.`;
  }
  const failed = outcome.applied.delivery.failed;
  const changeReport = outcome.applied.result.report;
  const head = `**roster applied ${error ? 'part of ' : ''}${at}:** ${markdownText(appliedLine(outcome))}${
    failed.length ? `\n\n**Not delivered:** ${failed.map((line) => markdownText(line)).join('; ')}` : ''
  }${error ? `\n\n**Then failed:** ${why}` : ''}`;
  const lines = outcome.plan.changes.map(
    (change, index) =>
      `- \`${symbolOf(change)}\` ${markdownCode(displaySubject(change.subject))}: ${markdownText(change.summary + outcomeNote(changeReport?.outcomes[index]))}`,
  );
  const full = `${head}\n\n${lines.join('\n')}\n`;
  if (bodyLength(full) < BODY_LIMIT) return full;
  return `${head}\n\nThe list of changes is too long for a comment: it is in ${run ? `the log of [this run](${run})` : "this run's log"}.\n`;
}

/**
 * A change-by-change apply that failed after part of the plan landed: the outcome to report, so
 * the comment lists what was applied and what was not, not "did not apply".
 */
export function landedPart(
  plan: Plan | undefined,
  error: unknown,
  delivery: DeliveryReport = { delivered: [], failed: [], keys: [] },
): ApplyOutcome | undefined {
  if (!plan || !(error instanceof ApplyError) || !error.report || !error.partial) return undefined;
  if (!error.report.outcomes.some((o) => o.status === 'applied' || o.status === 'held')) return undefined;
  return { plan, applied: { result: { ...error.partial, report: error.report }, delivery } };
}

/** A comment that cannot be posted must not hide why the apply failed: it is only logged. */
async function report(github: GitHubApi, pr: PullRequest, body: string): Promise<void> {
  try {
    await github.createComment(pr.number, body);
  } catch {
    // The step's own result and log say what happened; the comment is a courtesy.
  }
}
