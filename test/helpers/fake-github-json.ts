// The JSON GitHub answers with, for the fake GitHub (test/helpers/fake-github.ts): the shapes of
// comments, pull requests, reviews and issues as its REST API gives them, and its pagination.

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
  stateReason: string | null;
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

export function commentJson(repo: RepoAddress, comment: Comment): unknown {
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

export function pullJson(repo: RepoAddress, pull: Pull, single: boolean): unknown {
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

export function reviewJson(review: StoredReview): unknown {
  return {
    id: review.id,
    user: review.user,
    body: '',
    state: review.state,
    commit_id: review.commitId,
    submitted_at: review.submittedAt,
  };
}

export function issueJson(repo: RepoAddress, issue: Issue): unknown {
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
