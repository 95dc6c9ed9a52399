import { describe, expect, it } from 'vitest';
import {
  BODY_LIMIT,
  createGitHubClient,
  GitHubError,
  hiddenMarker,
  readMarker,
  roomForBody,
  type GitHubClientOptions,
} from '../../src/github/client.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';

const HEAD = 'a'.repeat(40);

function clientFor(fake: FakeGitHub, options: Partial<GitHubClientOptions> = {}) {
  return createGitHubClient({
    token: fake.token,
    baseUrl: fake.url,
    owner: fake.owner,
    repo: fake.repo,
    waitUnitMs: 1,
    spaceWrites: false,
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<GitHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubError);
  return error as GitHubError;
}

describe('markers', () => {
  it('round-trips data that tries to close the HTML comment', () => {
    const data = { digest: 'sha256:x --> <script>alert(1)</script> --!> <!-- ', head: HEAD };
    const marker = hiddenMarker('plan', data);
    expect(marker).toMatch(/^<!-- roster:plan \{.*\} -->$/);
    // The only "-->" is the one that closes the marker, and nothing in it opens another comment.
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(marker.slice(4)).not.toMatch(/<|--!>/);
    // Nor a "--" inside, which older (SGML/XML) readers take as the comment's end.
    expect(marker.slice(4, -3)).not.toContain('--');
    expect(readMarker(`some text\n${marker}\nmore`)).toEqual({ kind: 'plan', data });
  });

  it('reads nothing from a body without a marker or with a broken one', () => {
    expect(readMarker('no marker here')).toBeUndefined();
    expect(readMarker('<!-- roster:plan {"digest": -->')).toBeUndefined();
    expect(readMarker('<!-- roster:plan {"n":1} -->')).toBeUndefined();
  });
});

describe('sticky comment', () => {
  it('is created once and updated in place, past 100 comments and a decoy with the marker', async () => {
    const fake = await startFakeGitHub();
    fake.addPullRequest({ number: 7, author: 'alice', headSha: HEAD });
    const first = hiddenMarker('plan', { digest: 'd1', head: HEAD });
    for (let i = 0; i < 120; i++) fake.addComment(7, 'bob', `comment ${i}`);
    fake.addComment(7, 'mallory', `${first}\nI am the plan, honest`);
    const github = clientFor(fake);

    const created = await github.upsertStickyComment(7, first, 'plan v1');
    expect(created.action).toBe('created');
    for (let i = 0; i < 30; i++) fake.addComment(7, 'bob', `later ${i}`);

    const second = hiddenMarker('plan', { digest: 'd2', head: 'b'.repeat(40) });
    const updated = await github.upsertStickyComment(7, second, 'plan v2');
    expect(updated).toMatchObject({ id: created.id, action: 'updated' });

    const ours = fake.commentsOn(7).filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toBe(`${second}\nplan v2`);
    expect(fake.commentsOn(7).find((c) => c.user.login === 'mallory')!.body).toContain('honest');
    // All pages were read (151 comments at 100 a page), and the decoy was never written to.
    const pages = fake.requests.filter((r) => r.method === 'GET' && r.path.includes('/issues/7/comments'));
    expect(pages.some((r) => r.path.includes('page=2'))).toBe(true);
    const writes = fake.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/access/issues/7/comments',
      `PATCH /repos/acme/access/issues/comments/${created.id}`,
    ]);

    // The same plan again writes nothing.
    expect((await github.upsertStickyComment(7, second, 'plan v2')).action).toBe('unchanged');
    expect(fake.requests.filter((r) => r.method !== 'GET')).toHaveLength(2);
  });

  it('finds its comment again in a new run (a new client) as the configured commenter', async () => {
    const fake = await startFakeGitHub({ login: 'roster-bot' });
    fake.addPullRequest({ number: 3, author: 'alice', headSha: HEAD });
    const marker = hiddenMarker('plan', { digest: 'd', head: HEAD });
    await clientFor(fake, { commenter: 'roster-bot' }).upsertStickyComment(3, marker, 'one');
    const again = await clientFor(fake, { commenter: 'roster-bot' }).upsertStickyComment(3, marker, 'two');
    expect(again.action).toBe('updated');
    expect(fake.commentsOn(3)).toHaveLength(1);
  });

  it('deletes a duplicate of its own comment (a create retried after GitHub made it)', async () => {
    const fake = await startFakeGitHub();
    fake.addPullRequest({ number: 4, author: 'alice', headSha: HEAD });
    const old = hiddenMarker('plan', { digest: 'd0', head: HEAD });
    const first = fake.addComment(4, 'github-actions[bot]', `${old}\nplan v0`);
    fake.addComment(4, 'github-actions[bot]', `${old}\nplan v0`);
    fake.addComment(4, 'github-actions[bot]', 'an unrelated note by the same bot');
    const marker = hiddenMarker('plan', { digest: 'd1', head: HEAD });
    expect(await clientFor(fake).upsertStickyComment(4, marker, 'plan v1')).toMatchObject({ id: first });
    expect(fake.commentsOn(4).map((c) => c.body)).toEqual([`${marker}\nplan v1`, 'an unrelated note by the same bot']);
  });

  it('refuses a body over the limit without calling GitHub, and a marker it did not make', async () => {
    const fake = await startFakeGitHub();
    fake.addPullRequest({ number: 1, author: 'alice', headSha: HEAD });
    const github = clientFor(fake);
    const marker = hiddenMarker('plan');
    const long = await rejection(github.upsertStickyComment(1, marker, 'x'.repeat(roomForBody(marker) + 1)));
    expect(long.code).toBe('too-long');
    expect((await rejection(github.createComment(1, '😀'.repeat(BODY_LIMIT + 1)))).code).toBe('too-long');
    expect((await rejection(github.upsertStickyComment(1, 'plan', 'body'))).code).toBe('bad-marker');
    expect(fake.requests).toHaveLength(0);
    // Characters are counted as GitHub does: an emoji is one.
    await github.createComment(1, '😀'.repeat(BODY_LIMIT));
    // What roomForBody says fits, fits.
    await github.upsertStickyComment(1, marker, 'x'.repeat(roomForBody(marker)));
    expect(fake.commentsOn(1)).toHaveLength(2);
  });
});

describe('pull requests', () => {
  it('reads a pull request, all its reviews, the merged pull request of a commit and a branch tip', async () => {
    const fake = await startFakeGitHub();
    fake.addPullRequest({ number: 9, author: 'alice', headSha: HEAD, baseRef: 'main', baseSha: 'c'.repeat(40) });
    for (let i = 0; i < 105; i++) fake.addReview(9, { login: `reviewer${i}`, state: 'COMMENTED', commitId: HEAD });
    fake.addReview(9, { login: 'olivia', state: 'APPROVED', commitId: HEAD });
    fake.addPullRequest({ number: 10, author: 'bob', headSha: 'e'.repeat(40), headRepo: 'bob/access' });
    fake.mergePullRequest(9, 'd'.repeat(40));
    fake.setCommitPulls('d'.repeat(40), [10, 9]);
    fake.setBranchTip('release/1.0', 'f'.repeat(40));
    const github = clientFor(fake);

    expect(await github.getPullRequest(9)).toEqual({
      number: 9,
      author: 'alice',
      headSha: HEAD,
      headRepo: 'acme/access',
      baseRef: 'main',
      baseSha: 'c'.repeat(40),
      merged: true,
      mergedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      mergeCommitSha: 'd'.repeat(40),
    });
    const reviews = await github.listReviews(9);
    expect(reviews).toHaveLength(106);
    expect(reviews.at(-1)).toMatchObject({ login: 'olivia', state: 'APPROVED', commitId: HEAD });
    expect(typeof reviews.at(-1)!.submittedAt).toBe('string');
    // Only the merged one of the two pull requests that hold the commit.
    expect((await github.pullRequestsForCommit('d'.repeat(40))).map((p) => p.number)).toEqual([9]);
    expect((await github.getPullRequest(10)).headRepo).toBe('bob/access');
    expect(await github.branchTip('release/1.0')).toBe('f'.repeat(40));
    expect((await rejection(github.branchTip('gone'))).code).toBe('not-found');
    expect((await rejection(github.getPullRequest(404))).message).toMatch(
      /404 to GET \/repos\/acme\/access\/pulls\/404/,
    );
  });
});

describe('drift issue', () => {
  it('is opened, updated, then commented on and closed; other issues are left alone', async () => {
    const fake = await startFakeGitHub();
    const decoy = fake.addIssue({ title: 'someone else', labels: ['roster-drift'], author: 'mallory' });
    const github = clientFor(fake);

    const opened = await github.openOrUpdateIssue('roster-drift', 'Access drift', 'two changes');
    expect(opened.action).toBe('created');
    expect(fake.issues.get(opened.number)).toMatchObject({
      labels: ['roster-drift'],
      state: 'open',
      body: 'two changes',
    });
    const updated = await github.openOrUpdateIssue('roster-drift', 'Access drift', 'one change');
    expect(updated).toEqual({ number: opened.number, action: 'updated' });
    expect(fake.issues.get(opened.number)!.body).toBe('one change');

    expect(await github.closeIssue('roster-drift', 'No drift any more.')).toEqual([opened.number]);
    expect(fake.issues.get(opened.number)!.state).toBe('closed');
    expect(fake.commentsOn(opened.number).map((c) => c.body)).toEqual(['No drift any more.']);
    expect(fake.issues.get(decoy)!.state).toBe('open');
    // Nothing open any more: closing again does nothing.
    const before = fake.requests.length;
    expect(await github.closeIssue('roster-drift', 'again')).toEqual([]);
    expect(fake.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('repository secrets', () => {
  it('are sealed to the repository key: the fake opens them, and the value is in no request', async () => {
    const fake = await startFakeGitHub();
    const github = clientFor(fake);
    const value = 'rk_live_s3cr3t-value/with+chars=';
    await github.putRepositorySecret('acme/deploy', 'ROSTER_KEY', value);
    expect(fake.decryptSecret('acme/deploy', 'ROSTER_KEY')).toBe(value);
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/repos/acme/deploy/actions/secrets/ROSTER_KEY');
    expect(JSON.parse(put.body)).toEqual({ encrypted_value: expect.any(String), key_id: fake.keyId });
    for (const request of fake.requests) {
      expect(request.body).not.toContain(value);
      expect(request.path).not.toContain(value);
    }
  });

  it('fail without the value in the error', async () => {
    const fake = await startFakeGitHub();
    const value = 'rk_live_never-shown';
    fake.respondNext('PUT', '/repos/acme/deploy/actions/secrets/ROSTER_KEY', {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const error = await rejection(clientFor(fake).putRepositorySecret('acme/deploy', 'ROSTER_KEY', value));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('PUT /repos/acme/deploy/actions/secrets/ROSTER_KEY');
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(value);
  });
});

describe('failures', () => {
  it('retries a 500 and succeeds', async () => {
    const fake = await startFakeGitHub();
    fake.addPullRequest({ number: 2, author: 'alice', headSha: HEAD });
    fake.respondNext('GET', '/repos/acme/access/pulls/2', { status: 500 }, { status: 502 });
    expect((await clientFor(fake).getPullRequest(2)).headSha).toBe(HEAD);
    expect(fake.requests.filter((r) => r.path === '/repos/acme/access/pulls/2')).toHaveLength(3);
  });

  it('gives up on a 500 after the bounded retries', async () => {
    const fake = await startFakeGitHub();
    fake.respondNext('GET', '/repos/acme/access/pulls/2', ...Array(10).fill({ status: 500 }));
    const error = await rejection(clientFor(fake, { retries: 2 }).getPullRequest(2));
    expect(error.code).toBe('server-error');
    expect(fake.requests).toHaveLength(3);
  });

  it('waits out a rate limit (primary or secondary), but not one longer than it will wait', async () => {
    const fake = await startFakeGitHub();
    fake.addPullRequest({ number: 2, author: 'alice', headSha: HEAD });
    const reset = String(Math.ceil(Date.now() / 1000) + 2);
    const primary = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset };
    fake.respondNext(
      'GET',
      '/repos/acme/access/pulls/2',
      { status: 403, headers: primary, body: { message: 'API rate limit exceeded' } },
      { status: 403, headers: { 'retry-after': '3' }, body: { message: 'You have exceeded a secondary rate limit.' } },
    );
    const started = Date.now();
    expect((await clientFor(fake).getPullRequest(2)).number).toBe(2);
    expect(fake.requests).toHaveLength(3);

    // An hour's wait is refused at once (at 1 s a second it would be an hour).
    const later = String(Math.ceil(Date.now() / 1000) + 3600);
    fake.respondNext('GET', '/repos/acme/access/pulls/2', {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': later },
      body: { message: 'API rate limit exceeded' },
    });
    const error = await rejection(clientFor(fake, { waitUnitMs: 1000 }).getPullRequest(2));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/403 to GET \/repos\/acme\/access\/pulls\/2.*rate limit until/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('never puts the token in an error', async () => {
    const fake = await startFakeGitHub();
    const token = 'ghp_wrongtoken1234567890';
    const error = await rejection(clientFor(fake, { token }).getPullRequest(1));
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(error.message).toContain('Bad credentials');
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(token);

    const unreachable = await rejection(
      createGitHubClient({ token, baseUrl: 'http://127.0.0.1:1', owner: 'a', repo: 'b', retries: 0 }).getPullRequest(1),
    );
    expect(unreachable.code).toBe('unreachable');
    expect(`${unreachable.message} ${JSON.stringify(unreachable)}`).not.toContain(token);
  });
});
