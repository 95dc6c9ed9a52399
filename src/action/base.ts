// What the workflow commands share: the base branch's config (its members approve, its provider
// is the workspace a change goes to), the GitHub client, and a link to the run.
import type { BaseProvider } from '../app/config-provider.js';
import { AppError } from '../app/errors.js';
import { readBaseConfig, type BaseConfig } from '../github/base-config.js';
import type { BaseMember } from '../github/approvals.js';
import type { SteeringBlocks } from '../github/config-blocks.js';
import { createGitHubClient, type GitHubApi } from '../github/client.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionReporter } from './reporter.js';
import type { AppIo } from '../app/io.js';
import type { Diagnostic } from '../config/diagnostic.js';
import { visible } from '../render/visible.js';

export interface Base {
  members: BaseMember[];
  files: string[];
  provider: BaseProvider;
  /** Its provider, policy and settings, which a pull request changes only with an owner's approval. */
  blocks: SteeringBlocks;
  /** Its root config, in a temporary copy of its tree (valid until cleanup). */
  rootPath: string;
  /** The rules it breaks: it is read all the same, so that a pull request fixing it can be approved. */
  errors: Diagnostic[];
  /** How messages name it: "the base branch (main)". */
  name: string;
  cleanup(): void;
}

/** The config at `ref` (a commit of the base branch); refuses when it has none or it cannot be read. */
export async function readBase(
  ctx: GithubContext,
  inputs: ActionInputs,
  ref: string,
  name: string,
): Promise<Base> {
  const base: BaseConfig = await readBaseConfig(ctx.workspace, ref, inputs.config);
  if (!base.found || !base.provider || !base.blocks) {
    base.cleanup();
    throw new AppError(
      'no-base-config',
      `${name} has no readable ${inputs.config}, so nobody in it can approve a change and no workspace is named: apply the first config from a terminal (roster apply), then change it through pull requests`,
    );
  }
  return {
    members: base.members,
    files: base.files,
    provider: { name, provider: base.provider, raw: base.rawProvider },
    blocks: base.blocks,
    rootPath: base.rootPath,
    errors: base.diagnostics.filter((d) => d.severity === 'error'),
    name,
    cleanup: () => base.cleanup(),
  };
}

/**
 * Says, on the file and line of each, which rules the base breaks and that its members still
 * approve; one the pull request's config also breaks (already an error there) is not said twice.
 */
export function annotateBaseErrors(reporter: ActionReporter, base: Base, head: readonly Diagnostic[] = []): void {
  const at = (d: Diagnostic) => `${d.file}:${d.line}:${d.col} ${d.code}`;
  const headErrors = new Set(head.filter((d) => d.severity === 'error').map(at));
  for (const problem of base.errors.filter((d) => !headErrors.has(at(d)))) {
    reporter.annotate('warning', `in ${base.name}: ${visible(problem.message)}; its members still approve`, {
      file: problem.file,
      startLine: problem.line,
      startColumn: problem.col,
    });
  }
}

/** How the action's commands run a use case: in the checkout, with the provider binding, logging to the step. */
export function actionIo(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  diagnostics?: (found: readonly Diagnostic[]) => void,
  env: NodeJS.ProcessEnv = process.env,
): AppIo {
  return {
    cwd: ctx.workspace,
    // The roster-url input is the provider binding's ROSTER_URL: where ROSTER_TOKEN may go.
    env: inputs.rosterUrl === undefined ? env : { ...env, ROSTER_URL: inputs.rosterUrl },
    log: (text) => reporter.info(text.trimEnd()),
    ...(diagnostics ? { diagnostics } : {}),
  };
}

export function gitHubFor(ctx: GithubContext, inputs: ActionInputs): GitHubApi {
  if (!inputs.githubToken) {
    throw new AppError('missing-token', 'the github-token input is empty; leave it at its default, the workflow token');
  }
  return createGitHubClient({
    token: inputs.githubToken,
    baseUrl: ctx.apiUrl,
    owner: ctx.owner,
    repo: ctx.repo,
    ...(inputs.commenter ? { commenter: inputs.commenter } : {}),
  });
}

/** The run's page, where the job summary holds what a comment had to leave out. */
export function runUrl(ctx: GithubContext): string | undefined {
  const server = process.env.GITHUB_SERVER_URL;
  const run = process.env.GITHUB_RUN_ID;
  return server && run ? `${server}/${ctx.owner}/${ctx.repo}/actions/runs/${run}` : undefined;
}
