// The JSON GitHub answers with, for the fake GitHub (test/helpers/fake-github.ts): the shapes of
// comments, pull requests, reviews and issues as its REST API gives them, and its pagination.
// Each answer is typed as a part of its schema in GitHub's OpenAPI description
// (@octokit/openapi-types: components.schemas), so every field the fake sends has that name and
// type there; what the fake leaves out, roster does not read.
import type { components } from '@octokit/openapi-types';

type Schemas = components['schemas'];
/** The user of a comment, review, issue or pull request: simple-user. */
type UserJson = Pick<Schemas['simple-user'], 'login' | 'type'>;
/** GET/POST /repos/{owner}/{repo}/issues/{n}/comments, PATCH …/issues/comments/{id}: issue-comment. */
export type CommentJson = Pick<
  Schemas['issue-comment'],
  'id' | 'node_id' | 'url' | 'html_url' | 'issue_url' | 'body' | 'created_at' | 'updated_at' | 'author_association'
> & { user: UserJson };
type Branch = Schemas['pull-request']['head'];
/** GET …/pulls/{n} (pull-request; only it says `merged`) and GET …/commits/{sha}/pulls (pull-request-simple). */
export type PullJson = Pick<Schemas['pull-request-simple'], 'number' | 'state' | 'merged_at' | 'merge_commit_sha'> & {
  user: UserJson;
  head: Pick<Branch, 'sha' | 'ref'> & { repo: Pick<NonNullable<Branch['repo']>, 'full_name'> };
  base: Pick<Branch, 'sha' | 'ref'> & { repo: Pick<NonNullable<Branch['repo']>, 'full_name'> };
} & Partial<Pick<Schemas['pull-request'], 'merged'>>;
/** GET …/pulls/{n}/reviews: pull-request-review. */
export type ReviewJson = Pick<
  Schemas['pull-request-review'],
  'id' | 'body' | 'state' | 'commit_id' | 'submitted_at'
> & {
  user: UserJson;
};
type Label = Extract<Schemas['issue']['labels'][number], object>;
/** GET/POST /repos/{owner}/{repo}/issues, PATCH …/issues/{n}: issue. */
export type IssueJson = Pick<Schemas['issue'], 'number' | 'title' | 'body' | 'state' | 'state_reason'> & {
  labels: Pick<Label, 'name'>[];
  user: UserJson;
  pull_request?: Pick<NonNullable<Schemas['issue']['pull_request']>, 'url'>;
};
/** GET …/git/ref/heads/{branch}: git-ref. */
export type RefJson = Pick<Schemas['git-ref'], 'ref' | 'node_id'> & {
  object: Pick<Schemas['git-ref']['object'], 'sha' | 'type'>;
};
/** GET …/actions/secrets/public-key: actions-public-key. */
export type PublicKeyJson = Pick<Schemas['actions-public-key'], 'key_id' | 'key'>;

/** Where the fake serves: its base URL and the owner/name of its repository. */
export interface RepoAddress {
  url: string;
  fullName: string;
}

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface User {
  login: string;
  type: 'User' | 'Bot';
}
export interface Comment {
  id: number;
  issueNumber: number;
  user: User;
  body: string;
  createdAt: string;
  updatedAt: string;
}
export interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: IssueJson['state_reason'];
  labels: string[];
  user: User;
  isPull: boolean;
}
export interface Pull {
  number: number;
  author: string;
  headSha: string;
  headRef: string;
  headRepo: string;
  baseRef: string;
  baseSha: string;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}
export interface StoredReview {
  id: number;
  user: User;
  state: string;
  commitId: string;
  submittedAt: string;
}

export const user = (login: string): User => ({ login, type: login.endsWith('[bot]') ? 'Bot' : 'User' });

/** One page of `items` (per_page default 30, at most 100), with GitHub's Link header. */
export function page(url: URL, items: unknown[]): CannedResponse {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string): string => {
    const target = new URL(url);
    target.searchParams.set('page', String(p));
    return `<${target.href}>; rel="${rel}"`;
  };
  const links = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
  return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
}

export function commentJson(repo: RepoAddress, comment: Comment): CommentJson {
  const base = `${repo.url}/repos/${repo.fullName}`;
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${base}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${base}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: comment.user,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: 'NONE',
  };
}

export function pullJson(repo: RepoAddress, pull: Pull, single: boolean): PullJson {
  return {
    number: pull.number,
    state: pull.mergedAt ? 'closed' : 'open',
    user: user(pull.author),
    head: { sha: pull.headSha, ref: pull.headRef, repo: { full_name: pull.headRepo } },
    base: { sha: pull.baseSha, ref: pull.baseRef, repo: { full_name: repo.fullName } },
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    // Only the single pull request carries `merged`, as on GitHub.
    ...(single ? { merged: pull.mergedAt !== null } : {}),
  };
}

export function reviewJson(review: StoredReview): ReviewJson {
  return {
    id: review.id,
    user: review.user,
    body: '',
    state: review.state,
    commit_id: review.commitId,
    submitted_at: review.submittedAt,
  };
}

export function issueJson(repo: RepoAddress, issue: Issue): IssueJson {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.stateReason,
    labels: issue.labels.map((name) => ({ name })),
    user: issue.user,
    ...(issue.isPull ? { pull_request: { url: `${repo.url}/repos/${repo.fullName}/pulls/${issue.number}` } } : {}),
  };
}
