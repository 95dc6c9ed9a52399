// What an apply on merge rests on. Anything a workflow can write (comments, check runs, statuses,
// artifacts) could be forged by any workflow in the repository, so none of it vouches for the
// plan. What cannot be forged is git and the workspace: when the workspace still matches the base
// branch as it was before the merge (its config plans to nothing), the plan of the merged config
// holds exactly the pull request's config change, which its reviewers read, and whose approvals
// the caller checks again. Otherwise the workspace moved outside roster (or an earlier merge was
// never applied), and a change nobody reviewed would go with this one: nothing is applied.
import { chooseProvider } from '../app/config-provider.js';
import { AppError } from '../app/errors.js';
import type { ConfigModel } from '../config/model.js';
import { preparePlan } from '../app/prepare-plan.js';
import type { Plan } from '../plan/types.js';
import { displaySubject } from '../render/plan-sections.js';
import { actionIo, type Base } from './base.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionReporter } from './reporter.js';

/** How many of the unexpected changes a refusal names. */
const SHOWN = 3;

/**
 * Throws unless the base config (`base`, the branch before the push) plans to nothing against
 * the workspace as `plan` (of the `merged` config) read it. `branch` names the default branch for the way out.
 */
export async function assertBaseApplied(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  base: Base,
  plan: Plan,
  merged: ConfigModel,
  branch: string,
): Promise<void> {
  // Its errors were annotated when it was read (annotateBaseErrors): not again here.
  const io = actionIo(reporter, ctx, inputs, () => undefined);
  // The workspace the apply talks to, which a merge restoring a refused provider.url may change.
  const { provider } = chooseProvider(io, merged, base.provider);
  let pending: Plan;
  try {
    const prepared = await preparePlan(
      io,
      { config: base.rootPath, baseConfig: { ...base.provider, provider }, delivery: 'github', review: true },
      { write: false },
    );
    await prepared.provider.close();
    pending = prepared.plan;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'invalid-config') throw error;
    throw new AppError(
      'plan-mismatch',
      `${base.provider.name} is invalid, so roster cannot tell whether the workspace still matches it. Nothing was applied. ${recovery(branch)}`,
    );
  }
  // The same read of the workspace as the plan about to be applied, or the check says nothing
  // about it; the apply itself then refuses a workspace that moved after this read.
  if (pending.stateVersion !== plan.stateVersion || JSON.stringify(pending.scopes) !== JSON.stringify(plan.scopes)) {
    throw new AppError(
      'workspace-moved',
      'the workspace changed while this apply was checking it. Nothing was applied: re-run this workflow',
    );
  }
  // A rotation an earlier apply began and could not finish is planned from every config that
  // declares the key: finishing it is not a change anybody needs to review.
  const unreviewed = pending.changes.filter((change) => !change.finishesRotation);
  if (unreviewed.length === 0) return;
  const shown = unreviewed
    .slice(0, SHOWN)
    .map((change) => `${displaySubject(change.subject)}: ${change.summary}`)
    .join('; ');
  const more = unreviewed.length > SHOWN ? `; and ${unreviewed.length - SHOWN} more` : '';
  throw new AppError(
    'plan-mismatch',
    `the workspace no longer matches ${base.provider.name}: that config would still make ${unreviewed.length} change(s) (${shown}${more}), made in the workspace outside roster or never applied. The pull request's reviewers did not see them, so nothing was applied. ${recovery(branch)}`,
  );
}

function recovery(branch: string): string {
  return `To recover, an owner runs \`roster apply\` from a terminal in an up-to-date checkout of ${branch} (it shows the whole plan and asks before changing anything); merges apply again once the workspace matches ${branch}`;
}
