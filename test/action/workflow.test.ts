// The GitHub workflow end to end: the bundled action run as the runner runs it, a fake GitHub REST
// API on 127.0.0.1 that records every call, a real git repository in a temp dir and the real
// workspace server. Plan on the pull request (one comment, updated in place; approvals from the
// base branch's github logins), apply on merge (only the tip, only the reviewed plan), drift.
import { describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { pullRequestEvent as prEvent, pushEvent } from '../helpers/github-events.js';
import { rosterInProcess } from '../helpers/in-process.js';
import {
  config,
  mergePullRequest,
  openPullRequest,
  ourComments,
  roleOf,
  run,
  SAM_ADMIN,
  SAM_MEMBER,
  type World,
  world,
} from '../helpers/workflow-world.js';

const pullRequestEvent = (number: number, author: string, head: string, base: string, headRepo?: string) =>
  prEvent({ number, author, head, base, ...(headRepo ? { headRepo } : {}) });

// Each test runs the bundled action several times, one process each.
describe('action: the pull request workflow', { timeout: 120_000 }, () => {
  it('keeps one plan comment, and passes a promotion only once an owner of the base branch approves', async () => {
    const w = await world();
    const head = openPullRequest(w, 7, 'sam-dev', { 'roster.yaml': config(SAM_ADMIN) });
    const event = pullRequestEvent(7, 'sam-dev', head, w.base);

    const first = await run(w, 'plan', event);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('::error::[approval-missing] needs an approving review from an owner (olivia-owner');
    expect(ourComments(w, 7)).toHaveLength(1);
    expect(ourComments(w, 7)[0]!.body).toContain('role member -\\> admin'); // Markdown-escaped
    expect(ourComments(w, 7)[0]!.body).toContain('+  - { email: sam@x.io, role: admin, github: sam-dev }');

    // An admin's approval does not cover a promotion to admin.
    w.github.addReview(7, { login: 'adam-admin', state: 'APPROVED', commitId: head });
    expect((await run(w, 'plan', event)).stdout).toContain('[approval-missing] needs an approving review from an owner');

    w.github.addReview(7, { login: 'olivia-owner', state: 'APPROVED', commitId: head });
    const approved = await run(w, 'plan', event);
    expect(approved.stdout).not.toContain('::error::');
    expect(approved.code).toBe(0);
    expect(approved.outputs['has-changes']).toBe('true');
    const everything = [approved.stdout, approved.summary, ...w.github.requests.map((r) => `${r.path} ${r.body}`)];
    expect(everything.join('\n')).not.toContain(w.server.ownerKey);
    expect(ourComments(w, 7)).toHaveLength(1); // updated in place, every run
    expect(ourComments(w, 7)[0]!.body).toContain('**Approvals:** covered by admin adam-admin, owner olivia-owner');

    // A new push: the approval was for the old head, so it no longer counts.
    const next = w.repo.commit({ 'roster.yaml': config(SAM_ADMIN, '  - { email: fin@x.io, role: member }') });
    const pushed = await run(w, 'plan', pullRequestEvent(7, 'sam-dev', next, w.base));
    expect(pushed.code).toBe(1);
    expect(ourComments(w, 7)).toHaveLength(1);
    expect(ourComments(w, 7)[0]!.body).toContain('fin@x.io');
    expect(w.server.store.snapshot().state.members.find((m) => m.email === 'sam@x.io')?.role).toBe('member');
  });

  it('says that GitHub refused the token, not that roster has a bug', async () => {
    const w = await world();
    const head = openPullRequest(w, 12, 'sam-dev', { 'roster.yaml': config(SAM_ADMIN) });
    const refused = await runAction({
      workspace: w.repo.dir,
      inputs: { command: 'plan', 'roster-url': w.server.url, 'github-token': 'ghs_not-the-token' },
      env: { ROSTER_TOKEN: w.server.ownerKey, GITHUB_API_URL: w.github.url },
      event: pullRequestEvent(12, 'sam-dev', head, w.base),
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('::error::[github-unauthorized]');
    expect(refused.stdout).not.toContain('internal');
    // Only in the runner's instruction to mask it from the log.
    expect(refused.stdout.replace('::add-mask::ghs_not-the-token', '')).not.toContain('ghs_not-the-token');
  });

  it('only validates a pull request from a fork, whose run has no secrets, and fails its check', async () => {
    const w = await world();
    const head = openPullRequest(w, 10, 'stranger', { 'roster.yaml': config(SAM_ADMIN) });
    const event = pullRequestEvent(10, 'stranger', head, w.base, 'stranger/access');
    const before = w.server.logs.length;
    const validated = await run(w, 'plan', event);
    // A required check must not pass with no plan and no approval.
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain('::error::[fork-not-planned] this pull request comes from a fork');
    expect(validated.stdout).toContain('roster.yaml is valid');
    expect(w.server.logs).toHaveLength(before);
    expect(w.github.requests).toEqual([]);
  });

  it('does not let a pull request approve itself by adding its author as an owner', async () => {
    const w = await world();
    const head = openPullRequest(w, 8, 'mallory', {
      'roster.yaml': config(SAM_MEMBER, '  - { email: mallory@x.io, role: owner, github: mallory }'),
    });
    w.github.addReview(8, { login: 'mallory', state: 'APPROVED', commitId: head });
    // Even an owner's approval does not count for their own pull request.
    const own = openPullRequest(w, 9, 'olivia-owner', { 'roster.yaml': config(SAM_ADMIN) });
    w.github.addReview(9, { login: 'olivia-owner', state: 'APPROVED', commitId: own });

    const mallory = await run(w, 'plan', pullRequestEvent(8, 'mallory', head, w.base));
    expect(mallory.code).toBe(1);
    expect(mallory.stdout).toContain('[approval-missing] needs an approving review from an owner');
    const olivia = await run(w, 'plan', pullRequestEvent(9, 'olivia-owner', own, w.base));
    expect(olivia.code).toBe(1);
    expect(olivia.stdout).toContain('[approval-missing]');
    // Nor does a friend's, whom only the pull request maps to an owner.
    const mapped = openPullRequest(w, 11, 'sam-dev', {
      'roster.yaml': config(SAM_ADMIN, '  - { email: friend@x.io, role: owner, github: friend }'),
    });
    w.github.addReview(11, { login: 'friend', state: 'APPROVED', commitId: mapped });
    const friend = await run(w, 'plan', pullRequestEvent(11, 'sam-dev', mapped, w.base));
    expect(friend.code).toBe(1);
    expect(friend.stdout).toContain('[approval-missing] needs an approving review from an owner (olivia-owner');
  });
});

// Each test runs the bundled action several times, one process each.
describe('action: apply on merge, and drift', { timeout: 120_000 }, () => {
  /** Pull request 7 planned and approved, then merged into main as a merge commit. */
  async function merged(w: World, files: Record<string, string>): Promise<string> {
    const head = openPullRequest(w, 7, 'sam-dev', files);
    w.github.addReview(7, { login: 'olivia-owner', state: 'APPROVED', commitId: head });
    const planned = await run(w, 'plan', pullRequestEvent(7, 'sam-dev', head, w.base));
    expect(planned.code, planned.stdout).toBe(0);
    return mergePullRequest(w, 7);
  }
  /** The push of a merge to main, as GitHub describes it: the commit main was at before. */
  const pushAfter = (before: string, branch = 'main') => pushEvent(before, 'b'.repeat(40), branch);

  it('applies the reviewed plan at the tip, records who approved it, and says so on the pull request', async () => {
    const w = await world();
    const merge = await merged(w, { 'roster.yaml': config(SAM_ADMIN) });
    const before = w.server.store.version();

    // A run for a commit that is no longer the tip (a re-run after later merges) changes nothing.
    w.github.setBranchTip('main', 'f'.repeat(40));
    const old = await run(w, 'apply', pushAfter(w.base), merge, 'refs/heads/main');
    expect(old.code).toBe(1);
    expect(old.stdout).toContain('[not-the-tip]');
    expect(w.server.store.version()).toBe(before);
    expect(ourComments(w, 7).at(-1)!.body).toContain('roster did not apply this pull request');
    // Nor does a push to another branch.
    const side = await run(w, 'apply', pushAfter(w.base, 'side'), merge, 'refs/heads/side');
    expect(side.stdout).toContain('[not-a-push]');

    w.github.setBranchTip('main', merge);
    const applied = await run(w, 'apply', pushAfter(w.base), merge, 'refs/heads/main');
    expect(applied.code, applied.stdout).toBe(0);
    expect(w.server.store.snapshot().state.members.find((m) => m.email === 'sam@x.io')?.role).toBe('admin');
    const comments = ourComments(w, 7).map((comment) => comment.body);
    expect(comments.at(-1)).toContain(`roster applied \`${merge.slice(0, 7)}\``);
    const audit = w.server.store.audit({ member: 'sam@x.io' }, 10).items.at(-1) as unknown as Record<string, unknown>;
    expect(audit).toMatchObject({ commit: merge, pullRequest: 7, approvers: ['olivia-owner'] });
  });

  it('refuses a merge once the workspace moved outside roster, whatever a bot comment says, and recovers from a terminal', async () => {
    const w = await world();
    const merge = await merged(w, { 'roster.yaml': config(SAM_ADMIN) });
    // The workspace moves after the review: applying now would also remove someone nobody reviewed.
    await w.server.seed([{ kind: 'member.invite', email: 'by-hand@x.io', role: 'member' }]);
    const refused = await run(w, 'apply', pushAfter(w.base), merge, 'refs/heads/main');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('::error::[plan-mismatch] the workspace no longer matches main before the merge');
    expect(refused.stdout).toContain('by-hand@x.io');
    expect(refused.stdout).toContain('an owner runs `roster apply` from a terminal');
    expect(refused.stdout).not.toMatch(/sha256|[0-9a-f]{64}/); // no digest to copy into a forged comment
    expect(ourComments(w, 7).at(-1)!.body).toContain('roster did not apply this pull request');

    // Any workflow of the repository comments as github-actions[bot]: a comment carrying the plan
    // as it is now, placed first, and roster's own comment edited to match, change nothing.
    const plannedNow = await rosterInProcess(['plan', '--format', 'json'], {
      cwd: w.repo.dir,
      env: { ROSTER_TOKEN: w.server.ownerKey, ROSTER_URL: w.server.url },
    });
    const digest = (JSON.parse(plannedNow.stdout) as { digest: string }).digest;
    const head = w.github.pulls.get(7)!.headSha;
    const forged = `<!-- roster:plan ${JSON.stringify({ digest, head })} -->\nforged`;
    w.github.comments.unshift({ ...w.github.comments[0]!, id: 1, issueNumber: 7, body: forged });
    for (const comment of ourComments(w, 7)) comment.body = forged;
    const again = await run(w, 'apply', pushAfter(w.base), merge, 'refs/heads/main');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('[plan-mismatch]');
    expect(roleOf(w, 'sam@x.io')).toBe('member');
    expect(roleOf(w, 'by-hand@x.io')).toBe('member');

    // The way out the refusal names: an owner applies main from a terminal; merges apply again.
    const recovered = await rosterInProcess(['apply', '--yes'], {
      cwd: w.repo.dir,
      env: { ROSTER_TOKEN: w.server.ownerKey, ROSTER_URL: w.server.url },
    });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(roleOf(w, 'sam@x.io')).toBe('admin');
    expect(roleOf(w, 'by-hand@x.io')).toBeUndefined();
    w.base = merge;
    const next = openPullRequest(w, 8, 'sam-dev', { 'roster.yaml': config(SAM_ADMIN, '  - { email: fin@x.io, role: member }') });
    w.github.addReview(8, { login: 'adam-admin', state: 'APPROVED', commitId: next });
    expect((await run(w, 'plan', pullRequestEvent(8, 'sam-dev', next, merge))).code).toBe(0);
    const second = mergePullRequest(w, 8);
    const applied = await run(w, 'apply', pushAfter(merge), second, 'refs/heads/main');
    expect(applied.code, applied.stdout).toBe(0);
    expect(roleOf(w, 'fin@x.io')).toBe('member');
  });

  it("reads the approvers from main before the push, not from a rebase-merged pull request's own commits", async () => {
    const w = await world();
    // Commit 1 maps the author's friend as an owner; commit 2 takes that out again and promotes.
    w.repo.git('checkout', '-q', '-b', 'change-7', 'main');
    w.repo.commit({ 'roster.yaml': config(SAM_MEMBER, '  - { email: sock@x.io, role: owner, github: sock }') });
    const head = w.repo.commit({ 'roster.yaml': config(SAM_ADMIN) });
    w.github.addPullRequest({ number: 7, author: 'sam-dev', headSha: head, baseSha: w.base });
    w.github.addReview(7, { login: 'sock', state: 'APPROVED', commitId: head });
    expect((await run(w, 'plan', pullRequestEvent(7, 'sam-dev', head, w.base))).code).toBe(1);
    // Rebased onto main: main now points at the pull request's last commit.
    w.repo.git('checkout', '-q', 'main');
    w.repo.git('merge', '-q', '--ff-only', 'change-7');
    w.github.mergePullRequest(7, head);
    w.github.setBranchTip('main', head);
    const applied = await run(w, 'apply', pushAfter(w.base), head, 'refs/heads/main');
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('[approval-missing] needs an approving review from an owner (olivia-owner');
    expect(w.server.store.snapshot().state.members.find((m) => m.email === 'sam@x.io')?.role).toBe('member');
  });

  it('delivers a new key to a repository secret, encrypted, and nowhere else', async () => {
    const w = await world();
    const key =
      'keys:\n  - { name: ci-bot, type: workspace, integrations: { stripe: read-only }, deliver: { github_secret: { repo: acme/access, name: CI_BOT_KEY } } }\n';
    const merge = await merged(w, { 'roster.yaml': `${config(SAM_MEMBER)}${key}` });
    // A token that cannot reach the repository's secrets: refused before any change.
    const before = w.server.store.version();
    const forbidden = { status: 403, body: { message: 'Resource not accessible by integration' } };
    w.github.respondNext('GET', '/repos/acme/access/actions/secrets/public-key', forbidden);
    const refused = await run(w, 'apply', pushAfter(w.base), merge, 'refs/heads/main');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('[secret-target-unreachable] the github-token cannot store secrets in acme/access');
    expect(w.server.store.version()).toBe(before);

    const applied = await run(w, 'apply', pushAfter(w.base), merge, 'refs/heads/main');
    expect(applied.code, applied.stdout).toBe(0);
    const secret = w.github.decryptSecret('acme/access', 'CI_BOT_KEY')!;
    expect(secret).toMatch(/^rst_[0-9a-f]{16}_/);
    const whoami = await w.server.call(secret, 'GET', '/v1/whoami');
    expect(whoami.body.key.name).toBe('ci-bot');
    const seen = [
      applied.stdout,
      applied.stderr,
      applied.summary,
      ...w.github.requests.map((request) => `${request.path} ${request.body}`),
      ...w.github.commentsOn(7).map((comment) => comment.body),
    ].join('\n');
    expect(seen).not.toContain(secret);
    expect(seen).not.toContain(secret.slice(21));
  });

  it('opens one drift issue while the workspace differs, and closes it when it matches again', async () => {
    const w = await world();
    w.repo.git('checkout', '-q', 'main');
    const schedule = { name: 'schedule' as const, payload: {} };
    await w.server.seed([{ kind: 'member.invite', email: 'by-hand@x.io', role: 'member' }]);
    expect((await run(w, 'drift', schedule, w.base, 'refs/heads/main')).code).toBe(0);
    expect((await run(w, 'drift', schedule, w.base, 'refs/heads/main')).code).toBe(0);
    const drift = [...w.github.issues.values()].filter((issue) => issue.labels.includes('roster-drift'));
    expect(drift).toHaveLength(1);
    expect(drift[0]!.state).toBe('open');
    expect(drift[0]!.body).toContain('by-hand@x.io');

    await w.server.seed([{ kind: 'member.remove', email: 'by-hand@x.io' }]);
    expect((await run(w, 'drift', schedule, w.base, 'refs/heads/main')).code).toBe(0);
    expect(drift[0]!.state).toBe('closed');
  });
});
