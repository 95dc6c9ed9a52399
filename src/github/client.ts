// The GitHub REST API, as much of it as roster's workflow needs, behind one small interface: the
// action talks to GitHubApi, tests run it against a fake on 127.0.0.1. Built on @octokit/core with
// pagination, bounded retries of 5xx answers and bounded waits on rate limits.
import { type CommentData, type PullData, type PullRequest, splitRepo, toPullRequest } from './wire.js';
import type { Review, ReviewState } from './approvals.js';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { GitHubError, toGitHubError } from './errors.js';
import { readMarker } from './markers.js';
import { sealForGitHub } from './sealed-box.js';

export { GitHubError, type GitHubErrorCode } from './errors.js';
export { hiddenMarker, readMarker, type Marker, type MarkerData } from './markers.js';

export type { Review } from './approvals.js';
export type { PullRequest } from './wire.js';

/** GitHub refuses a comment or issue body longer than this many characters. */
export const BODY_LIMIT = 65_536;

/** The login GitHub shows for comments made with a workflow's GITHUB_TOKEN. */
export const WORKFLOW_COMMENTER = 'github-actions[bot]';

export interface GitHubClientOptions {
  token: string;
  owner: string;
  repo: string;
  /** https://api.github.com, or GITHUB_API_URL on GitHub Enterprise Server. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /**
   * The login this token comments as. A sticky comment or drift issue is only ever one this login
   * wrote, so a comment by anyone else that carries the marker is left alone. GitHub's workflow
   * token cannot ask who it is (GET /user answers 403 "Resource not accessible by integration"),
   * so the login is given: github-actions[bot] for that token, the account or `<app>[bot]` for a
   * personal or app token. Once the client creates a comment or issue it uses the login GitHub
   * reports for it.
   */
  commenter?: string;
  /** How often a 5xx answer or a network failure is retried (default 3). */
  retries?: number;
  /** Longest rate-limit wait (Retry-After or the reset time) worth waiting for (default 60 s); longer fails. */
  maxRateLimitWaitSeconds?: number;
  /** Milliseconds per second of waiting: 1000 in production; tests pass 1 to run retries at once. */
  waitUnitMs?: number;
  /**
   * Space writes as GitHub advises (one a second, three seconds between notifying ones; default
   * true). Tests turn it off: they talk to a fake that has no secondary rate limit.
   */
  spaceWrites?: boolean;
}

export interface WrittenComment {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

export interface GitHubApi {
  /** The login comments and issues are matched against (see GitHubClientOptions.commenter). */
  readonly commenter: string;
  /**
   * The one comment of this kind on the issue or pull request: `marker` (from hiddenMarker) goes on
   * top of `body`; an earlier comment by this commenter with a marker of the same kind is updated
   * in place, whatever its data (and any later duplicate of it deleted). Throws GitHubError
   * 'too-long' over BODY_LIMIT.
   */
  upsertStickyComment(issueNumber: number, marker: string, body: string): Promise<WrittenComment>;
  createComment(issueNumber: number, body: string): Promise<WrittenComment>;
  getPullRequest(number: number): Promise<PullRequest>;
  /** Every review, oldest first; reviews by deleted accounts (no user) are left out. */
  listReviews(number: number): Promise<Review[]>;
  /** The merged pull requests that contain the commit (the one a merge commit came from). */
  pullRequestsForCommit(sha: string): Promise<PullRequest[]>;
  /** The commit a branch points at now. */
  branchTip(branch: string): Promise<string>;
  /** Opens the issue with this label (written by this commenter), or updates the open one. */
  openOrUpdateIssue(
    label: string,
    title: string,
    body: string,
  ): Promise<{ number: number; action: 'created' | 'updated' }>;
  /** Comments on and closes the open issue(s) with this label by this commenter; the numbers closed. */
  closeIssue(label: string, comment: string): Promise<number[]>;
  /** Throws unless this token can read the repository's secrets key (checked before an apply). */
  checkSecretAccess(repoFullName: string): Promise<void>;
  /** Encrypts `value` to the repository's public key and stores it as an Actions secret. */
  putRepositorySecret(repoFullName: string, name: string, value: string): Promise<void>;
}

/** Characters as GitHub counts them for its body limit (code points). */
export function bodyLength(text: string): number {
  // The string iterator walks code points: a character outside the BMP (an emoji) counts once.
  return Array.from(text).length;
}

/** How many characters of body fit in a sticky comment under `marker` (it and a newline go on top). */
export function roomForBody(marker: string): number {
  return BODY_LIMIT - bodyLength(marker) - 1;
}

function checkLength(text: string, what: string): void {
  const length = bodyLength(text);
  if (length > BODY_LIMIT) {
    throw new GitHubError('too-long', `${what} is ${length} characters; GitHub takes at most ${BODY_LIMIT}`);
  }
}

// Runs writes at once (spaceWrites: false). Bottleneck groups are what the plugin takes; only
// key().schedule() is ever called on them.
const unspaced = {
  key: () => ({
    schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve(job(...args)),
  }),
} as never;

const ThrottledOctokit = Octokit.plugin(paginateRest, retry, throttling);
type Client = InstanceType<typeof ThrottledOctokit>;

function octokitFor(options: GitHubClientOptions): Client {
  const unit = options.waitUnitMs ?? 1000;
  const retries = options.retries ?? 3;
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const onLimit = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean =>
    retryCount < retries && retryAfter <= maxWait;
  return new ThrottledOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: 'roster',
    request: options.fetch ? { fetch: options.fetch } : {},
    // Octokit's default logger writes request failures to the console; roster reports GitHubErrors.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      onRateLimit: onLimit,
      onSecondaryRateLimit: onLimit,
      retryAfterBaseValue: unit,
      ...(options.spaceWrites === false ? { write: unspaced, notifications: unspaced } : {}),
    },
  });
}

export function createGitHubClient(options: GitHubClientOptions): GitHubApi {
  const octokit = octokitFor(options);
  const here = { owner: options.owner, repo: options.repo };
  let commenter = options.commenter ?? WORKFLOW_COMMENTER;

  async function call<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toGitHubError(error, doing);
    }
  }

  /** The login GitHub reports for what we just wrote is who this token is. */
  function learn(user: { login: string } | null): void {
    if (user?.login) commenter = user.login;
  }

  /** This commenter's comments with a marker of `kind` on the issue, oldest first (every page). */
  async function stickyComments(issueNumber: number, kind: string): Promise<CommentData[]> {
    const comments: CommentData[] = await call(`reading the comments on #${issueNumber}`, () =>
      octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...here,
        issue_number: issueNumber,
        per_page: 100,
      }),
    );
    // Only a body that starts with the marker: another workflow's comment quoting one is not ours.
    return comments.filter(
      (comment) =>
        comment.user?.login === commenter &&
        (comment.body ?? '').startsWith('<!-- roster:') &&
        readMarker(comment.body ?? '')?.kind === kind,
    );
  }

  async function createComment(issueNumber: number, body: string): Promise<WrittenComment> {
    checkLength(body, 'the comment');
    const { data } = await call(`commenting on #${issueNumber}`, () =>
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...here,
        issue_number: issueNumber,
        body,
      }),
    );
    learn(data.user);
    return { id: Number(data.id), url: data.html_url, action: 'created' };
  }

  async function myOpenIssues(label: string): Promise<{ number: number; body?: string | null }[]> {
    const issues = await call(`listing open issues labelled ${label}`, () =>
      octokit.paginate('GET /repos/{owner}/{repo}/issues', { ...here, labels: label, state: 'open', per_page: 100 }),
    );
    // The issues endpoint lists pull requests too; and only our own issue is ours to update.
    return issues.filter((issue) => !issue.pull_request && issue.user?.login === commenter);
  }

  return {
    get commenter() {
      return commenter;
    },

    async upsertStickyComment(issueNumber, marker, body) {
      const kind = readMarker(marker)?.kind;
      if (!kind || !marker.startsWith('<!--')) {
        throw new GitHubError('bad-marker', 'a sticky comment needs a marker made by hiddenMarker(kind, data)');
      }
      const text = `${marker}\n${body}`;
      checkLength(text, 'the comment');
      const [ours, ...extra] = await stickyComments(issueNumber, kind);
      if (!ours) return createComment(issueNumber, text);
      // A second one exists only if a create was retried after GitHub had already made it: it
      // would show a stale plan, so it goes.
      for (const stale of extra) {
        await call(`deleting duplicate comment ${stale.id} on #${issueNumber}`, () =>
          octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            ...here,
            comment_id: stale.id,
          }),
        );
      }
      if (ours.body === text) return { id: Number(ours.id), url: ours.html_url, action: 'unchanged' };
      const { data } = await call(`updating comment ${ours.id} on #${issueNumber}`, () =>
        octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          ...here,
          comment_id: ours.id,
          body: text,
        }),
      );
      return { id: Number(data.id), url: data.html_url, action: 'updated' };
    },

    createComment,

    async getPullRequest(number) {
      const { data } = await call(`reading pull request #${number}`, () =>
        octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...here, pull_number: number }),
      );
      return toPullRequest(data);
    },

    async listReviews(number) {
      const reviews = await call(`reading the reviews of #${number}`, () =>
        octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
          ...here,
          pull_number: number,
          per_page: 100,
        }),
      );
      return reviews.flatMap((review) =>
        review.user
          ? [
              {
                login: review.user.login,
                state: review.state as ReviewState, // GitHub's own spelling of the five states
                commitId: review.commit_id ?? '',
                submittedAt: review.submitted_at ?? null,
              },
            ]
          : [],
      );
    },

    async pullRequestsForCommit(sha) {
      const pulls = await call(`finding the pull request of commit ${sha}`, () =>
        octokit.paginate('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
          ...here,
          commit_sha: sha,
          per_page: 100,
        }),
      );
      return pulls.map((pull) => toPullRequest(pull as PullData)).filter((pull) => pull.merged);
    },

    async branchTip(branch) {
      // The ref goes into the path as it is: a branch name may hold "/" (release/1.0).
      const ref = branch.split('/').map(encodeURIComponent).join('/');
      const { data } = await call(`reading the tip of ${branch}`, () =>
        octokit.request(`GET /repos/{owner}/{repo}/git/ref/heads/${ref}`, here),
      );
      const sha = (data as { object?: { sha?: unknown } }).object?.sha;
      if (typeof sha !== 'string') throw new GitHubError('bad-response', `GitHub gave no commit for branch ${branch}`);
      return sha;
    },

    async openOrUpdateIssue(label, title, body) {
      checkLength(body, 'the issue');
      const [open] = await myOpenIssues(label);
      if (open) {
        await call(`updating issue #${open.number}`, () =>
          octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
            ...here,
            issue_number: open.number,
            title,
            body,
          }),
        );
        return { number: open.number, action: 'updated' };
      }
      const { data } = await call(`opening an issue labelled ${label}`, () =>
        octokit.request('POST /repos/{owner}/{repo}/issues', { ...here, title, body, labels: [label] }),
      );
      learn(data.user);
      return { number: data.number, action: 'created' };
    },

    async closeIssue(label, comment) {
      const open = await myOpenIssues(label);
      for (const issue of open) {
        await createComment(issue.number, comment);
        await call(`closing issue #${issue.number}`, () =>
          octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
            ...here,
            issue_number: issue.number,
            state: 'closed',
            state_reason: 'completed',
          }),
        );
      }
      return open.map((issue) => issue.number);
    },

    async checkSecretAccess(repoFullName) {
      await call(`reading the public key of ${repoFullName}`, () =>
        octokit.request('GET /repos/{owner}/{repo}/actions/secrets/public-key', splitRepo(repoFullName)),
      );
    },

    async putRepositorySecret(repoFullName, name, value) {
      const target = splitRepo(repoFullName);
      const { data: key } = await call(`reading the public key of ${repoFullName}`, () =>
        octokit.request('GET /repos/{owner}/{repo}/actions/secrets/public-key', target),
      );
      let encrypted: string;
      try {
        encrypted = await sealForGitHub(key.key, value);
      } catch {
        throw new GitHubError('bad-response', `the public key of ${repoFullName} is not a libsodium public key`);
      }
      await call(`storing secret ${name} in ${repoFullName}`, () =>
        octokit.request('PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}', {
          ...target,
          secret_name: name,
          encrypted_value: encrypted,
          key_id: key.key_id,
        }),
      );
    },
  };
}
