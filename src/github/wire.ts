// GitHub's JSON as the client reads it: the fields roster uses of comments and pull requests, and
// how a pull request becomes the small record the workflow needs.
import { GitHubError } from './errors.js';

export interface PullRequest {
  number: number;
  author: string;
  headSha: string;
  /** owner/name of the head branch's repository: not this one for a fork; null once the fork is deleted. */
  headRepo: string | null;
  baseRef: string;
  baseSha: string;
  merged: boolean;
  /** When it was merged (ISO time), or null. */
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

export interface CommentData {
  id: number | bigint;
  html_url: string;
  body?: string | null;
  user: { login: string } | null;
}

export interface PullData {
  number: number;
  user: { login: string } | null;
  head: { sha: string; repo: { full_name: string } | null };
  base: { ref: string; sha: string };
  merged?: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export function toPullRequest(pull: PullData): PullRequest {
  return {
    number: pull.number,
    author: pull.user?.login ?? '',
    headSha: pull.head.sha,
    headRepo: pull.head.repo?.full_name ?? null,
    baseRef: pull.base.ref,
    baseSha: pull.base.sha,
    // The list endpoints leave out `merged`; merged_at says the same.
    merged: pull.merged ?? pull.merged_at !== null,
    mergedAt: pull.merged_at,
    mergeCommitSha: pull.merge_commit_sha,
  };
}

export function splitRepo(fullName: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(fullName);
  if (!match) throw new GitHubError('invalid', `"${fullName}" is not a repository (owner/name)`);
  return { owner: match[1]!, repo: match[2]! };
}
