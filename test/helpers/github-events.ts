// The events the action runs on, made from GitHub's own webhook payload examples
// (@octokit/webhooks-examples, the payloads GitHub's docs show, typed by @octokit/webhooks-types):
// each example is copied whole and only what names this repository, this pull request and these
// commits is set, so the action reads every other field where GitHub puts it.
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type {
  PullRequestEvent,
  PullRequestReviewEvent,
  PushEvent,
  WebhookEventMap,
  WebhookEventName,
} from '@octokit/webhooks-types';

// The package is its JSON file (main: api.github.com/index.json), typed by its index.d.ts.
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

export interface GitHubEvent {
  /** GITHUB_EVENT_NAME: a webhook event, or `schedule` and the like, which have none. */
  name: WebhookEventName | 'schedule' | 'workflow_dispatch';
  payload: unknown;
}

/** The repository the fake GitHub serves (test/helpers/fake-github.ts). */
export const REPOSITORY = { owner: 'acme', name: 'access', defaultBranch: 'main' };
const FULL_NAME = `${REPOSITORY.owner}/${REPOSITORY.name}`;

function example<N extends WebhookEventName>(name: N, action?: string): WebhookEventMap[N] {
  const definition = definitions.find((d) => d.name === name);
  const found = definition?.examples.find((e) => action === undefined || (e as { action?: string }).action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name}${action ? `.${action}` : ''} example`);
  return structuredClone(found) as WebhookEventMap[N];
}

/** Points an example's repository object at ours. */
function ourRepository(repository: {
  full_name: string;
  name: string;
  owner: { login: string };
  default_branch: string;
}) {
  repository.full_name = FULL_NAME;
  repository.name = REPOSITORY.name;
  repository.owner.login = REPOSITORY.owner;
  repository.default_branch = REPOSITORY.defaultBranch;
}

export interface PullRequestFacts {
  number: number;
  author: string;
  head: string;
  base: string;
  baseRef?: string;
  /** owner/name of the head branch's repository: another one for a fork. */
  headRepo?: string;
}

function pullRequestOf(pull: PullRequestEvent['pull_request'], facts: PullRequestFacts): void {
  pull.number = facts.number;
  pull.user.login = facts.author;
  pull.head.sha = facts.head;
  pull.head.ref = `change-${facts.number}`;
  if (pull.head.repo) pull.head.repo.full_name = facts.headRepo ?? FULL_NAME;
  pull.base.sha = facts.base;
  pull.base.ref = facts.baseRef ?? REPOSITORY.defaultBranch;
  ourRepository(pull.base.repo);
}

/** `pull_request` `synchronize`: a push to the pull request's branch (or `opened`). */
export function pullRequestEvent(
  facts: PullRequestFacts,
  action: 'opened' | 'synchronize' = 'synchronize',
): GitHubEvent {
  const payload = example('pull_request', action) as PullRequestEvent;
  payload.number = facts.number;
  pullRequestOf(payload.pull_request, facts);
  ourRepository(payload.repository);
  return { name: 'pull_request', payload };
}

/** `pull_request_review` `submitted` by `reviewer`. */
export function reviewEvent(
  facts: PullRequestFacts,
  reviewer: string,
  state: 'approved' | 'commented' = 'approved',
): GitHubEvent {
  const payload = example('pull_request_review', 'submitted') as PullRequestReviewEvent;
  pullRequestOf(payload.pull_request as PullRequestEvent['pull_request'], facts);
  payload.review.user.login = reviewer;
  payload.review.commit_id = facts.head;
  payload.review.state = state;
  ourRepository(payload.repository);
  return { name: 'pull_request_review', payload };
}

/** `push` of `after` to `branch`, which was at `before`. */
export function pushEvent(before: string, after: string, branch = REPOSITORY.defaultBranch): GitHubEvent {
  const payload = example('push') as PushEvent;
  payload.ref = `refs/heads/${branch}`;
  payload.before = before;
  payload.after = after;
  ourRepository(payload.repository);
  return { name: 'push', payload };
}
