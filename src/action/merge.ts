// `command: apply` on a push to the default branch: apply exactly the plan reviewers approved on
// the merged pull request, or nothing. Refused, with nothing applied and the reason on the pull
// request, when the pushed commit is no longer the branch's tip (a re-run of an old workflow must
// not roll access back), when it did not come from a pull request, when the reviews no longer cover
// the plan, or when the plan differs from the one the pull request's comment showed.
import { type ApplyOutcome, applyConfig, deliveryFailure } from '../app/apply.js';
import { AppError } from '../app/errors.js';
import type { AppIo } from '../app/io.js';
import { checkApprovals } from '../github/approvals.js';
import type { GitHubApi, PullRequest } from '../github/client.js';
import { PLAN_MARKER_KIND } from '../github/plan-comment.js';
import type { ChangeContext } from '../model/changes.js';
import type { Key } from '../model/state.js';
import type { Plan } from '../plan/types.js';
import { markdownCode, markdownText } from '../render/markdown-text.js';
import { displaySubject, summaryLine, symbolOf } from '../render/plan-sections.js';
import { renderPlanText } from '../render/plan-text.js';
import { readBase } from './base.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import { providerEnv } from './plan.js';
import type { ActionReporter } from './reporter.js';

export async function applyMerge(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  github: GitHubApi,
): Promise<void> {
  const branch = /^refs\/heads\/(.+)$/.exec(ctx.ref)?.[1];
  if (ctx.eventName !== 'push' || !branch) {
    throw new AppError('not-a-push', `command: apply runs on a push to the default branch (this is ${ctx.eventName || 'no event'})`);
  }
  const tip = await github.branchTip(branch);
  if (tip !== ctx.sha) {
    throw new AppError(
      'not-the-tip',
      `this run is for ${ctx.sha.slice(0, 7)}, but ${branch} is now at ${tip.slice(0, 7)}: the run for the newer commit applies the config as it is now. Nothing was applied`,
    );
  }
  const pr = (await github.pullRequestsForCommit(ctx.sha)).find((p) => p.mergeCommitSha === ctx.sha);
  if (!pr) {
    throw new AppError(
      'no-pull-request',
      `${ctx.sha.slice(0, 7)} did not come from a merged pull request: access changes are applied only from reviewed pull requests. Nothing was applied`,
    );
  }
  try {
    const outcome = await applyReviewed(reporter, ctx, inputs, github, pr);
    await github.createComment(pr.number, appliedComment(outcome, ctx.sha));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await github.createComment(pr.number, `**roster did not apply this pull request:** ${markdownText(reason)}`);
    throw error;
  }
}

async function applyReviewed(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  github: GitHubApi,
  pr: PullRequest,
): Promise<ApplyOutcome> {
  const base = await readBase(ctx, inputs, `${ctx.sha}^`, `${pr.baseRef} before the merge`);
  try {
    const [reviews, reviewed] = [await github.listReviews(pr.number), await github.stickyMarker(pr.number, PLAN_MARKER_KIND)];
    // Filled in once the plan is known and approved, before the first change is sent.
    const context: ChangeContext = { source: 'roster action', commit: ctx.sha, pullRequest: pr.number };
    const io: AppIo = { cwd: ctx.workspace, env: providerEnv(process.env, inputs), log: (text) => reporter.info(text.trimEnd()) };
    const outcome = await applyConfig(
      io,
      { config: inputs.config, baseConfig: base.provider, deliversToGitHub: true, context },
      {
        planned: (plan) => reporter.info(renderPlanText(plan, { colour: false }).trimEnd()),
        beforeApply: async (plan, keys) => {
          if (reviewed?.data.digest !== plan.digest) {
            throw new AppError(
              'plan-mismatch',
              `the plan now (${plan.digest}) is not the plan the pull request showed (${reviewed?.data.digest ?? 'none'}): the workspace or the config changed since it was reviewed. Plan it in a new pull request. Nothing was applied`,
            );
          }
          const approvals = checkApprovals({
            changes: plan.changes,
            baseMembers: base.members,
            reviews,
            author: pr.author,
            headSha: pr.headSha,
          });
          if (!approvals.covered) throw new AppError('approval-missing', `${approvals.message}. Nothing was applied`);
          context.approvers = approvals.approvers.map((approver) => approver.login);
          await checkSecretTargets(github, plan, keys);
        },
      },
    );
    if (outcome.applied) {
      for (const delivery of outcome.applied.toGitHub) {
        try {
          await github.putRepositorySecret(delivery.repo, delivery.name, delivery.secret);
          outcome.applied.delivery.delivered.push(`key ${delivery.key}: secret stored as ${delivery.name} in ${delivery.repo}`);
        } catch (error) {
          outcome.applied.delivery.failed.push(
            `key ${delivery.key}: the secret could not be stored as ${delivery.name} in ${delivery.repo} (${(error as Error).message}); fix that, then rotate the key`,
          );
        }
      }
      for (const line of outcome.applied.delivery.delivered) reporter.info(line);
      const failure = deliveryFailure(outcome.applied.delivery);
      if (failure) throw failure;
    }
    return outcome;
  } finally {
    base.cleanup();
  }
}

function appliedComment(outcome: ApplyOutcome, sha: string): string {
  if (!outcome.applied) return `**roster:** nothing to apply at ${markdownCode(sha.slice(0, 7))}; the workspace already matches the config.`;
  const lines = outcome.plan.changes.map(
    (change) => `- \`${symbolOf(change)}\` ${markdownCode(displaySubject(change.subject))}: ${markdownText(change.summary)}`,
  );
  return `**roster applied ${markdownCode(sha.slice(0, 7))}:** ${markdownText(summaryLine(outcome.plan))}; the workspace is now at state version ${outcome.applied.result.version}.\n\n${lines.join('\n')}\n`;
}

/**
 * A new secret bound for a repository the token cannot reach would be lost after its key changed
 * (a rotated key's old secret already dead): so reach every such repository first, and refuse the
 * whole apply, with the old keys still working, when one is out of reach.
 */
async function checkSecretTargets(github: GitHubApi, plan: Plan, keys: readonly Key[]): Promise<void> {
  const renewed = new Set(
    plan.changes.flatMap(({ change }) =>
      change.kind === 'key.create' || change.kind === 'key.rotate' || change.kind === 'key.replace' ? [change.name] : [],
    ),
  );
  const repos = new Set(
    keys.flatMap((key) => (renewed.has(key.name) && key.deliver && 'githubSecret' in key.deliver ? [key.deliver.githubSecret.repo] : [])),
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
