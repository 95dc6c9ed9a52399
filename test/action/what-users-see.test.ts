// What the action tells its users beyond pass or fail: the plan comment when the config breaks,
// each annotation once, and after an apply the job summary, the step's outputs and its log.
import { describe, expect, it } from 'vitest';
import { runnerCommands } from '../helpers/action.js';
import { pullRequestEvent, pushEvent } from '../helpers/github-events.js';
import {
  config,
  mergePullRequest,
  openPullRequest,
  ourComments,
  run,
  SAM_ADMIN,
  world,
} from '../helpers/workflow-world.js';

// Each test runs the bundled action several times, one process each.
describe('action: what users see', { timeout: 120_000 }, () => {
  it('replaces an approved plan comment when a later push breaks the config, annotating each problem once', async () => {
    const w = await world();
    const head = openPullRequest(w, 7, 'sam-dev', { 'roster.yaml': config(SAM_ADMIN) });
    w.github.addReview(7, { login: 'olivia-owner', state: 'APPROVED', commitId: head });
    expect((await run(w, 'plan', pullRequestEvent({ number: 7, author: 'sam-dev', head, base: w.base }))).code).toBe(0);
    expect(ourComments(w, 7)[0]!.body).toContain('**Approvals:** covered by owner olivia-owner');

    const broken = w.repo.commit({ 'roster.yaml': config(SAM_ADMIN, '  - { email: fin@x.io, role: chief }', '  - { email: gil@x.io, role: boss }') });
    const failed = await run(w, 'plan', pullRequestEvent({ number: 7, author: 'sam-dev', head: broken, base: w.base }));
    expect(failed.code).toBe(1);
    expect(ourComments(w, 7)).toHaveLength(1);
    const body = ourComments(w, 7)[0]!.body;
    expect(body).toContain('roster could not plan this pull request');
    expect(body).toContain('`[invalid-config]`');
    expect(body).not.toContain('covered by');
    const annotations = runnerCommands(failed.stdout).filter((c) => c.name === 'error' || c.name === 'warning');
    expect(annotations.map((c) => `${c.name} ${c.properties}`)).toEqual([
      expect.stringMatching(/^error file=roster\.yaml,line=10,/),
      expect.stringMatching(/^error file=roster\.yaml,line=11,/),
      'error ',
    ]);
  });

  it("says a rule the base breaks once: as the pull request's error when it breaks it too", async () => {
    const w = await world();
    w.repo.git('checkout', '-q', 'main');
    const twice = '  - { email: sam@x.io, role: member }';
    w.base = w.repo.commit({ 'roster.yaml': config(SAM_ADMIN, twice) });
    const head = openPullRequest(w, 7, 'sam-dev', { 'roster.yaml': config(SAM_ADMIN, twice, '  - { email: fin@x.io, role: member }') });
    const failed = await run(w, 'plan', pullRequestEvent({ number: 7, author: 'sam-dev', head, base: w.base }));
    const annotations = runnerCommands(failed.stdout).filter((c) => c.properties.startsWith('file='));
    expect(annotations.map((c) => `${c.name} ${c.properties}`)).toEqual([
      expect.stringMatching(/^error file=roster\.yaml,line=10,/),
    ]);
  });

  it('after an apply, writes what was applied to the job summary, the outputs and the log', async () => {
    const w = await world();
    const head = openPullRequest(w, 7, 'sam-dev', { 'roster.yaml': config(SAM_ADMIN) });
    w.github.addReview(7, { login: 'olivia-owner', state: 'APPROVED', commitId: head });
    expect((await run(w, 'plan', pullRequestEvent({ number: 7, author: 'sam-dev', head, base: w.base }))).code).toBe(0);
    const merge = mergePullRequest(w, 7);
    const applied = await run(w, 'apply', pushEvent(w.base, merge), merge, 'refs/heads/main');
    expect(applied.code, applied.stdout).toBe(0);
    expect(applied.outputs).toMatchObject({
      'has-changes': 'true',
      summary: 'Plan: 0 to add, 1 to change, 0 to remove',
      applied: expect.stringMatching(/^Plan: 0 to add, 1 to change, 0 to remove; the workspace is now at state version \d+\.$/),
    });
    expect(applied.summary).toContain(`**roster applied \`${merge.slice(0, 7)}\`:**`);
    expect(applied.summary).toContain('role member -\\> admin');
    expect(applied.stdout).toContain(`roster applied ${merge.slice(0, 7)}: Plan: 0 to add, 1 to change`);

    // A re-run finds nothing left to do, and says so.
    const again = await run(w, 'apply', pushEvent(w.base, merge), merge, 'refs/heads/main');
    expect(again.outputs).toMatchObject({ 'has-changes': 'false', applied: '' });
    expect(again.stdout).toContain(`roster: nothing to apply at ${merge.slice(0, 7)}`);
  });
});
