// The pull request loop exactly as the README sets it up: the example workflows' own inputs and
// env (examples/workflows/roster-plan.yml and roster-apply.yml), action.yml's defaults for what
// they leave out, an admin's key as ROSTER_PLAN_TOKEN and an owner's as ROSTER_APPLY_TOKEN
// ("Tokens"), a served workspace, and GitHub's own webhook payloads. A pull request promoting a
// member to admin fails its check until an owner approves, passes then, merges, and is applied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ActionRun, runAction } from '../helpers/action.js';
import { type GitHubEvent, pullRequestEvent, pushEvent, reviewEvent } from '../helpers/github-events.js';
import {
  config,
  mergePullRequest,
  openPullRequest,
  ourComments,
  roleOf,
  SAM_ADMIN,
  type World,
  world,
} from '../helpers/workflow-world.js';

const ROOT = join(import.meta.dirname, '../..');

interface Step {
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

/** The roster step of an example workflow: its `with` over action.yml's defaults, and its `env`. */
function rosterStep(file: string): { inputs: Record<string, string>; env: Record<string, string> } {
  const workflow = parse(readFileSync(join(ROOT, 'examples/workflows', file), 'utf8')) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.uses?.includes('/roster@'))!;
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const defaults = Object.fromEntries(
    Object.entries(action.inputs).flatMap(([name, input]) => (input.default === undefined ? [] : [[name, input.default]])),
  );
  return { inputs: { ...defaults, ...step.with }, env: step.env ?? {} };
}

/** `${{ context.name }}` as the runner fills it in, from these contexts only (anything else fails). */
function expand(values: Record<string, string>, contexts: Record<string, Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      value.replace(/\$\{\{\s*(\w+)\.(\w+)\s*\}\}/g, (_, context: string, key: string) => {
        const found = contexts[context]?.[key];
        if (found === undefined) throw new Error(`${name}: the test gives no ${context}.${key}`);
        return found;
      }),
    ]),
  );
}

/** A run of the example workflow `file` on `event`, with the repository's variables and secrets. */
function runWorkflow(w: World, file: string, secrets: Record<string, string>, event: GitHubEvent, sha: string, ref: string): Promise<ActionRun> {
  const step = rosterStep(file);
  const contexts = { vars: { ROSTER_URL: w.server.url }, secrets, github: { token: w.github.token } };
  return runAction({
    workspace: w.repo.dir,
    inputs: expand(step.inputs, contexts),
    env: { ...expand(step.env, contexts), GITHUB_API_URL: w.github.url, GITHUB_SHA: sha, GITHUB_REF: ref },
    event,
  });
}

// Each test runs the bundled action several times, one process each.
describe('the README workflows, with its advice on tokens', { timeout: 120_000 }, () => {
  it("fails an escalation without an owner's review, passes it with one, and applies it on merge with the owner's key", async () => {
    const w = await world();
    // "Use a key of an admin for plan and drift ... and of an owner for apply."
    const { 'adam-key': adminKey } = await w.server.seed([
      { kind: 'key.create', name: 'adam-key', type: 'personal', owner: 'adam@x.io', scope: [], users: [] },
    ]);
    const secrets = { ROSTER_PLAN_TOKEN: adminKey!, ROSTER_APPLY_TOKEN: w.server.ownerKey };
    const head = openPullRequest(w, 7, 'sam-dev', { 'roster.yaml': config(SAM_ADMIN) });
    const facts = { number: 7, author: 'sam-dev', head, base: w.base };
    const plan = (event: GitHubEvent) => runWorkflow(w, 'roster-plan.yml', secrets, event, 'c'.repeat(40), 'refs/pull/7/merge');

    const opened = await plan(pullRequestEvent(facts, 'opened'));
    expect(opened.code).toBe(1);
    // What is missing is the owner's review, not the plan key's power.
    expect(opened.stdout).toContain('::error::[approval-missing] needs an approving review from an owner (olivia-owner)');
    expect(opened.stdout).not.toContain('not-allowed');
    expect(ourComments(w, 7)[0]!.body).toContain("applying this plan takes an owner's key");

    // An admin's approval is not enough for a promotion to admin.
    w.github.addReview(7, { login: 'adam-admin', state: 'APPROVED', commitId: head });
    expect((await plan(reviewEvent(facts, 'adam-admin'))).code).toBe(1);
    w.github.addReview(7, { login: 'olivia-owner', state: 'APPROVED', commitId: head });
    const approved = await plan(reviewEvent(facts, 'olivia-owner'));
    expect(approved.code, approved.stdout).toBe(0);
    expect(ourComments(w, 7)[0]!.body).toContain('**Approvals:** covered by');
    expect(roleOf(w, 'sam@x.io')).toBe('member');

    const merge = mergePullRequest(w, 7);
    const applied = await runWorkflow(w, 'roster-apply.yml', secrets, pushEvent(w.base, merge), merge, 'refs/heads/main');
    expect(applied.code, applied.stdout).toBe(0);
    expect(roleOf(w, 'sam@x.io')).toBe('admin');
    const audit = w.server.store.audit({ member: 'sam@x.io' }, 10).items.at(-1) as unknown as Record<string, unknown>;
    expect(audit).toMatchObject({ commit: merge, pullRequest: 7, approvers: ['adam-admin', 'olivia-owner'] });
    expect(ourComments(w, 7).at(-1)!.body).toContain(`roster applied \`${merge.slice(0, 7)}\``);
    const seen = [opened, approved, applied].map((r) => `${r.stdout}${r.stderr}${r.summary}`).join('\n');
    expect(seen).not.toContain(adminKey);
    expect(seen).not.toContain(w.server.ownerKey);
  });
});
