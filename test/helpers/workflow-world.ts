// The world the action's workflow tests run in: the real workspace server, a fake GitHub on
// 127.0.0.1, a real git repository whose main holds a config already applied to the workspace.
import { expect } from 'vitest';
import { testRepo, type TestRepo } from '../github/git-repo.js';
import { type ActionRun, runAction } from './action.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import type { GitHubEvent } from './github-events.js';
import { rosterInProcess } from './in-process.js';
import { startServer, type TestServer } from './server.js';
import { rootConfig } from './tmp.js';

const PEOPLE = [
  '  - { email: owner@x.io, role: owner, github: olivia-owner }',
  '  - { email: adam@x.io, role: admin, github: adam-admin }',
];
/** A root config with an http provider, two managers and `more` member lines. */
export const config = (...more: string[]) =>
  rootConfig(
    `provider: { type: http }\nintegrations:\n  stripe: { tools: { find: read } }\nmembers:\n${[...PEOPLE, ...more].join('\n')}\n`,
  );
export const SAM_MEMBER = '  - { email: sam@x.io, role: member, github: sam-dev }';
export const SAM_ADMIN = '  - { email: sam@x.io, role: admin, github: sam-dev }';

export interface World {
  server: TestServer;
  github: FakeGitHub;
  repo: TestRepo;
  /** main's commit, applied to the workspace. */
  base: string;
}

/** main holds `files` (default: the config with sam as a member), applied from a terminal with an owner's key. */
export async function world(files: Record<string, string> = { 'roster.yaml': config(SAM_MEMBER) }): Promise<World> {
  const server = await startServer({ rateLimit: { perSecond: 1000, burst: 1000 } });
  const github = await startFakeGitHub();
  const repo = testRepo();
  const base = repo.commit(files);
  const applied = await rosterInProcess(['apply', '--yes'], {
    cwd: repo.dir,
    env: { ROSTER_TOKEN: server.ownerKey, ROSTER_URL: server.url },
  });
  expect(applied.code, applied.stderr).toBe(0);
  github.setBranchTip('main', base);
  return { server, github, repo, base };
}

/** A branch with one commit on top of main, opened as pull request `number` by `author`. */
export function openPullRequest(w: World, number: number, author: string, files: Record<string, string>): string {
  w.repo.git('checkout', '-q', '-b', `change-${number}`, 'main');
  const head = w.repo.commit(files);
  w.github.addPullRequest({ number, author, headSha: head, baseSha: w.base });
  return head;
}

/** Merges pull request `number`'s branch into main as a merge commit, as GitHub's merge button does. */
export function mergePullRequest(w: World, number: number): string {
  w.repo.git('checkout', '-q', 'main');
  w.repo.git('merge', '-q', '--no-ff', '-m', `Merge pull request #${number}`, `change-${number}`);
  const merge = w.repo.git('rev-parse', 'HEAD');
  w.github.mergePullRequest(number, merge);
  w.github.setBranchTip('main', merge);
  return merge;
}

/** The action with `command`, the owner's key and roster-url, on `event` at `sha` and `ref`. */
export function run(w: World, command: string, event: GitHubEvent, sha = 'a'.repeat(40), ref = ''): Promise<ActionRun> {
  return runAction({
    workspace: w.repo.dir,
    inputs: { command, 'roster-url': w.server.url, 'github-token': w.github.token },
    env: { ROSTER_TOKEN: w.server.ownerKey, GITHUB_API_URL: w.github.url, GITHUB_SHA: sha, GITHUB_REF: ref },
    event,
  });
}

export const ourComments = (w: World, number: number) =>
  w.github.commentsOn(number).filter((comment) => comment.user.login === 'github-actions[bot]');

export const roleOf = (w: World, email: string) =>
  w.server.store.snapshot().state.members.find((m) => m.email === email)?.role;
