// What the workflow commands share: the base branch's config (its members approve, its provider
// is the workspace a change goes to), the GitHub client, and a link to the run.
import type { BaseProvider } from '../app/config-provider.js';
import { AppError } from '../app/errors.js';
import { readBaseConfig, type BaseConfig } from '../github/base-config.js';
import type { BaseMember } from '../github/approvals.js';
import { createGitHubClient, type GitHubApi } from '../github/client.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';

export interface Base {
  members: BaseMember[];
  files: string[];
  provider: BaseProvider;
  cleanup(): void;
}

/** The config at `ref` (a commit of the base branch); refuses when it has none or it cannot be read. */
export async function readBase(ctx: GithubContext, inputs: ActionInputs, ref: string, name: string): Promise<Base> {
  const base: BaseConfig = await readBaseConfig(ctx.workspace, ref, inputs.config);
  if (!base.found || !base.provider) {
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
    cleanup: () => base.cleanup(),
  };
}

export function gitHubFor(ctx: GithubContext, inputs: ActionInputs): GitHubApi {
  if (!inputs.githubToken) {
    throw new AppError('missing-token', 'the github-token input is empty; leave it at its default, the workflow token');
  }
  return createGitHubClient({ token: inputs.githubToken, baseUrl: ctx.apiUrl, owner: ctx.owner, repo: ctx.repo });
}

/** The run's page, where the job summary holds what a comment had to leave out. */
export function runUrl(ctx: GithubContext): string | undefined {
  const server = process.env.GITHUB_SERVER_URL;
  const run = process.env.GITHUB_RUN_ID;
  return server && run ? `${server}/${ctx.owner}/${ctx.repo}/actions/runs/${run}` : undefined;
}
