// The GitHub run the action is part of, read from the variables the runner sets (the same ones
// @actions/github reads, without its weight): which event, its payload, the repository and commit.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AppError } from '../app/errors.js';

export interface GithubContext {
  /** `pull_request`, `push`, `schedule`, ... */
  eventName: string;
  /** The webhook payload of the event; `{}` when the runner gave none. */
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  /** The checked-out repository; paths (the config, annotations) are relative to it. */
  workspace: string;
  apiUrl: string;
  /** A folder the runner empties after the job: where the plan JSON goes. */
  runnerTemp: string;
}

export function readGithubContext(env: NodeJS.ProcessEnv): GithubContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner = '', repo = ''] = repository.split('/');
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    runnerTemp: env.RUNNER_TEMP || tmpdir(),
  };
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'no-event-payload',
      `cannot read the event payload GITHUB_EVENT_PATH names (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    const payload: unknown = JSON.parse(text);
    if (payload && typeof payload === 'object' && !Array.isArray(payload)) return payload as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new AppError('bad-event-payload', 'the event payload GITHUB_EVENT_PATH names is not a JSON object');
}
