// Provider, policy and settings steer every later plan: a pull request changing only them needs an
// owner's approval though it changes nothing in the workspace today. And a base branch whose
// provider names a URL ROSTER_URL refuses (every plan fails) is mended by a pull request that
// restores one ROSTER_URL allows: it can be planned, approved and merged.
import { describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent } from '../helpers/github-events.js';
import {
  config,
  mergePullRequest,
  openPullRequest,
  ourComments,
  run,
  SAM_MEMBER,
  world,
} from '../helpers/workflow-world.js';

const POLICY = 'policy:\n  max_removals: { count: 50, ratio: 1 }\n';
const SETTINGS = 'settings: { only_admins_manage_pipe_members: false }\n';

// Each test runs the bundled action several times, one process each.
describe('action: pull requests that change provider, policy or settings', { timeout: 120_000 }, () => {
  it("need an owner's approval even when the plan has no changes", async () => {
    const w = await world();
    const head = openPullRequest(w, 7, 'sam-dev', { 'roster.yaml': `${config(SAM_MEMBER)}${POLICY}${SETTINGS}` });
    const event = pullRequestEvent({ number: 7, author: 'sam-dev', head, base: w.base });
    const unapproved = await run(w, 'plan', event);
    expect(unapproved.code).toBe(1);
    expect(unapproved.outputs['has-changes']).toBe('false');
    expect(unapproved.stdout).toContain(
      '::error::[approval-missing] needs an approving review from an owner (olivia-owner): ~ roster.yaml: changes the policy block',
    );
    // The settings block as written equals the defaults: a change in words, not in meaning.
    expect(unapproved.stdout).not.toContain('changes the settings block');
    w.github.addReview(7, { login: 'adam-admin', state: 'APPROVED', commitId: head });
    expect((await run(w, 'plan', event)).code).toBe(1);
    w.github.addReview(7, { login: 'olivia-owner', state: 'APPROVED', commitId: head });
    expect((await run(w, 'plan', event)).code).toBe(0);
  });

  it('plan a pull request restoring the provider ROSTER_URL allows, after main was broken', async () => {
    const w = await world();
    // Merged earlier (before this check existed, or approved by mistake): a URL ROSTER_URL refuses.
    w.repo.git('checkout', '-q', 'main');
    const broken = config(SAM_MEMBER).replace('provider: { type: http }', 'provider: { type: http, url: "http://127.0.0.1:9" }');
    w.base = w.repo.commit({ 'roster.yaml': broken });
    w.github.setBranchTip('main', w.base);
    const stuck = openPullRequest(w, 6, 'sam-dev', { 'roster.yaml': `${broken}${POLICY}` });
    const refused = await run(w, 'plan', pullRequestEvent({ number: 6, author: 'sam-dev', head: stuck, base: w.base }));
    expect(refused.stdout).toContain('[endpoint-mismatch]');

    w.repo.git('checkout', '-q', 'main');
    const head = openPullRequest(w, 7, 'adam-admin', { 'roster.yaml': config(SAM_MEMBER) });
    const event = pullRequestEvent({ number: 7, author: 'adam-admin', head, base: w.base });
    const planned = await run(w, 'plan', event);
    expect(planned.stdout).not.toContain('endpoint-mismatch');
    expect(planned.stdout).toContain('[approval-missing] needs an approving review from an owner (olivia-owner): ~ roster.yaml: changes the provider block');
    expect(ourComments(w, 7)[0]!.body).toContain('this config\'s provider is the one ROSTER\\_URL allows');
    w.github.addReview(7, { login: 'olivia-owner', state: 'APPROVED', commitId: head });
    expect((await run(w, 'plan', event)).code).toBe(0);

    const before = w.base;
    const merge = mergePullRequest(w, 7);
    const applied = await run(w, 'apply', pushEvent(before, merge), merge, 'refs/heads/main');
    expect(applied.code, applied.stdout).toBe(0);
    expect(ourComments(w, 7).at(-1)!.body).toContain('nothing to apply');
  });
});
