// A rotation whose new secret goes to a GitHub secret, with GitHub failing the upload: the bundled
// action against the real workspace server and a fake GitHub on 127.0.0.1. The old secret must
// still work, the report must say what happened and what to do, and a second run must finish.
import { describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent } from '../helpers/github-events.js';
import {
  config,
  mergePullRequest,
  openPullRequest,
  ourComments,
  run,
  SAM_MEMBER,
  type World,
  world,
} from '../helpers/workflow-world.js';

const SECRET_PUT = '/repos/acme/access/actions/secrets/CI_BOT_KEY';
const bot = (users: string) =>
  `keys:\n  - { name: ci-bot, type: workspace, integrations: { stripe: read-only }, users: [${users}], deliver: { github_secret: { repo: acme/access, name: CI_BOT_KEY } } }\n`;

/** Pull request `number` with `files`, approved by an owner, planned, and merged into main. */
async function merged(w: World, number: number, files: Record<string, string>): Promise<string> {
  const head = openPullRequest(w, number, 'sam-dev', files);
  w.github.addReview(number, { login: 'olivia-owner', state: 'APPROVED', commitId: head });
  const planned = await run(w, 'plan', pullRequestEvent({ number, author: 'sam-dev', head, base: w.base }));
  expect(planned.code, planned.stdout).toBe(0);
  return mergePullRequest(w, number);
}

const applyMerge = (w: World, before: string, merge: string) =>
  run(w, 'apply', pushEvent(before, 'b'.repeat(40), 'main'), merge, 'refs/heads/main');

const authenticates = async (w: World, secret: string) =>
  (await w.server.call(secret, 'GET', '/v1/whoami')).status === 200;

describe('action: a rotation to a GitHub secret that GitHub fails to store', { timeout: 180_000 }, () => {
  it('keeps the old secret working, says so, and finishes on the next run', async () => {
    const w = await world();
    // The key is created by a first merge: its secret goes to CI_BOT_KEY.
    const first = await merged(w, 7, { 'roster.yaml': `${config(SAM_MEMBER)}${bot('sam@x.io')}` });
    expect((await applyMerge(w, w.base, first)).code).toBe(0);
    const old = w.github.decryptSecret('acme/access', 'CI_BOT_KEY')!;
    expect(await authenticates(w, old)).toBe(true);
    w.base = first;

    // Sam leaves, so the key is rotated; GitHub answers 500 to every attempt at storing the secret.
    const second = await merged(w, 8, { 'roster.yaml': `${config()}${bot('')}` });
    const failure = { status: 500, body: { message: 'Server Error' } };
    w.github.respondNext('PUT', SECRET_PUT, failure, failure, failure, failure);
    const failed = await applyMerge(w, first, second);
    expect(failed.code).toBe(1);
    expect(w.github.requests.filter((r) => r.method === 'PUT' && r.path === SECRET_PUT)).toHaveLength(4 + 1);
    // The rest of the merge landed, and the old secret still works, against the real server.
    expect(w.server.store.snapshot().state.members.map((m) => m.email)).not.toContain('sam@x.io');
    expect(w.github.decryptSecret('acme/access', 'CI_BOT_KEY')).toBe(old);
    expect(await authenticates(w, old)).toBe(true);
    const said = `key ci-bot: the secret could not be stored as CI_BOT_KEY in acme/access`;
    const remedy = 'the old secret still works (the rotation was not finished): fix that, then apply again';
    // The log, the job summary and the merged pull request (Markdown: escapes taken out).
    for (const text of [failed.stdout, failed.summary, ourComments(w, 8).at(-1)!.body].map((t) => t.replaceAll('\\', ''))) {
      expect(text).toContain(said);
      expect(text).toContain(remedy);
    }
    // The rotation is not left half done: the plan says it will finish it.
    const state = w.server.store.snapshot().state.keys.find((k) => k.name === 'ci-bot')!;
    expect(state.rotationPending).toBeDefined();

    // Run again (GitHub is back): the rotation finishes, and only the new secret works.
    const again = await applyMerge(w, first, second);
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('key ci-bot: secret stored as CI_BOT_KEY in acme/access');
    expect(again.stdout).toContain('key ci-bot: its old secret no longer works');
    const renewed = w.github.decryptSecret('acme/access', 'CI_BOT_KEY')!;
    expect(renewed).not.toBe(old);
    expect(await authenticates(w, renewed)).toBe(true);
    expect(await authenticates(w, old)).toBe(false);
    expect(w.server.store.snapshot().state.keys.find((k) => k.name === 'ci-bot')!.rotationPending).toBeUndefined();
    const seen = [failed.stdout, failed.summary, again.stdout, again.summary, ...ourComments(w, 8).map((c) => c.body)];
    expect(seen.join('\n')).not.toContain(renewed.slice(21));
  });
});
