// A fake of the GitHub REST API on 127.0.0.1, as much as roster's workflow uses: issue comments,
// pull requests and their reviews, the pull requests of a commit, branch refs, issues with labels
// and Actions secrets. State is in memory and set through helpers; every request is recorded. It
// answers like GitHub: status codes, JSON shapes, Link headers for per_page/page pagination,
// 401 for a wrong token, 422 for a body over 65,536 characters. Canned answers (a 500, a 403 rate
// limit) can be queued in front of any endpoint.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sodium from 'libsodium-wrappers';
import { afterAll } from 'vitest';
import {
  type CannedResponse,
  type Comment,
  commentJson,
  type Issue,
  issueJson,
  page,
  type Pull,
  pullJson,
  type PublicKeyJson,
  type RefJson,
  reviewJson,
  type StoredReview,
  user,
} from './fake-github-json.js';

export type { CannedResponse } from './fake-github-json.js';

const running: FakeGitHub[] = [];
afterAll(async () => {
  for (const fake of running.splice(0)) await fake.close();
});

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  /** The raw body ('' when none). */
  body: string;
  authorization: string | undefined;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  /** The login the token comments as (default github-actions[bot]). */
  login?: string;
  /** The token the fake accepts (default 'ghs_fake-token'); any other gets 401. */
  token?: string;
}

const BODY_LIMIT = 65_536;
/** The state_reason values of PATCH /repos/{owner}/{repo}/issues/{n} in GitHub's OpenAPI description. */
const STATE_REASONS: readonly Issue['stateReason'][] = ['completed', 'not_planned', 'reopened', 'duplicate', null];

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments: Comment[] = [];
  readonly issues = new Map<number, Issue>();
  readonly pulls = new Map<number, Pull>();
  readonly reviews: (StoredReview & { pullNumber: number })[] = [];
  readonly refs = new Map<string, string>();
  readonly commitPulls = new Map<string, number[]>();
  /** Stored secrets by "owner/repo/NAME": what the client sent. */
  readonly secrets = new Map<string, { encrypted_value: string; key_id: string }>();
  readonly keyId = '568250167242549743';
  private readonly canned = new Map<string, CannedResponse[]>();
  private nextId = 1000;
  private clock = Date.parse('2026-01-01T00:00:00Z');
  private url_ = '';
  private readonly server = createServer((req, res) => void this.handle(req, res));

  private constructor(
    readonly owner: string,
    readonly repo: string,
    readonly login: string,
    readonly token: string,
    private readonly keyPair: { publicKey: Uint8Array; privateKey: Uint8Array },
  ) {}

  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    await sodium.ready;
    const fake = new FakeGitHub(
      options.owner ?? 'acme',
      options.repo ?? 'access',
      options.login ?? 'github-actions[bot]',
      options.token ?? 'ghs_fake-token',
      sodium.crypto_box_keypair(),
    );
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url_ = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    running.push(fake);
    return fake;
  }

  get url(): string {
    return this.url_;
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** The repository public key, standard base64, as GET …/actions/secrets/public-key gives it. */
  get publicKey(): string {
    return sodium.to_base64(this.keyPair.publicKey, sodium.base64_variants.ORIGINAL);
  }

  addPullRequest(pull: {
    number: number;
    author: string;
    headSha: string;
    headRef?: string;
    /** owner/name of the head repository: another one for a fork (default this one). */
    headRepo?: string;
    baseRef?: string;
    baseSha?: string;
    merged?: boolean;
    mergeCommitSha?: string;
  }): void {
    this.pulls.set(pull.number, {
      number: pull.number,
      author: pull.author,
      headSha: pull.headSha,
      headRef: pull.headRef ?? `change-${pull.number}`,
      headRepo: pull.headRepo ?? this.fullName,
      baseRef: pull.baseRef ?? 'main',
      baseSha: pull.baseSha ?? '0'.repeat(40),
      mergedAt: pull.merged ? this.now() : null,
      mergeCommitSha: pull.mergeCommitSha ?? null,
    });
    this.issues.set(pull.number, this.newIssue(pull.number, `Pull request ${pull.number}`, '', [], pull.author, true));
  }

  /** Marks a pull request merged as `mergeCommitSha`, which then lists it as its pull request. */
  mergePullRequest(number: number, mergeCommitSha: string): void {
    const pull = this.pulls.get(number)!;
    pull.mergedAt = this.now();
    pull.mergeCommitSha = mergeCommitSha;
    this.issues.get(number)!.state = 'closed';
    this.commitPulls.set(mergeCommitSha, [...(this.commitPulls.get(mergeCommitSha) ?? []), number]);
  }

  addReview(pullNumber: number, review: { login: string; state: string; commitId: string }): number {
    const id = this.nextId++;
    this.reviews.push({ id, pullNumber, user: user(review.login), ...review, submittedAt: this.now() });
    return id;
  }

  /** A comment by `login` (anyone: the token's identity or another user). */
  addComment(issueNumber: number, login: string, body: string): number {
    const id = this.nextId++;
    const at = this.now();
    this.comments.push({ id, issueNumber, user: user(login), body, createdAt: at, updatedAt: at });
    return id;
  }

  addIssue(issue: {
    title: string;
    body?: string;
    labels?: string[];
    author: string;
    state?: 'open' | 'closed';
  }): number {
    const number = Math.max(0, ...this.issues.keys()) + 1;
    const stored = this.newIssue(number, issue.title, issue.body ?? '', issue.labels ?? [], issue.author, false);
    stored.state = issue.state ?? 'open';
    this.issues.set(number, stored);
    return number;
  }

  setBranchTip(branch: string, sha: string): void {
    this.refs.set(branch, sha);
  }

  /** GET /repos/…/commits/{sha}/pulls lists these pull requests. */
  setCommitPulls(sha: string, pullNumbers: number[]): void {
    this.commitPulls.set(sha, pullNumbers);
  }

  /** The next answers to `method path` (path without query), one per request, before the real one. */
  respondNext(method: string, path: string, ...responses: CannedResponse[]): void {
    const key = `${method} ${path}`;
    this.canned.set(key, [...(this.canned.get(key) ?? []), ...responses]);
  }

  commentsOn(issueNumber: number): Comment[] {
    return this.comments.filter((comment) => comment.issueNumber === issueNumber);
  }

  /** Opens a stored secret with the private half of the repository key, as GitHub would. */
  decryptSecret(repoFullName: string, name: string): string | undefined {
    const stored = this.secrets.get(`${repoFullName}/${name}`);
    if (!stored) return undefined;
    const sealed = sodium.from_base64(stored.encrypted_value, sodium.base64_variants.ORIGINAL);
    return sodium.to_string(sodium.crypto_box_seal_open(sealed, this.keyPair.publicKey, this.keyPair.privateKey));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private newIssue(
    number: number,
    title: string,
    body: string,
    labels: string[],
    author: string,
    isPull: boolean,
  ): Issue {
    return { number, title, body, state: 'open', stateReason: null, labels, user: user(author), isPull };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      body: raw,
      authorization: req.headers.authorization,
    });
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const canned = this.canned.get(`${method} ${url.pathname}`)?.shift();
    if (canned) return send(canned.status, canned.body ?? { message: 'canned' }, canned.headers);
    if (req.headers.authorization !== `token ${this.token}`) return send(401, { message: 'Bad credentials' });
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(400, { message: 'Problems parsing JSON' });
    }
    const answer = this.route(method, url, body);
    send(answer.status, answer.body, answer.headers);
  }

  private route(method: string, url: URL, body: Record<string, unknown>): CannedResponse {
    const notFound = { status: 404, body: { message: 'Not Found' } };
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (!match) return notFound;
    const [, owner, repo, rest] = match as unknown as [string, string, string, string];
    // Secrets work on any repository (github_secret may name another); the rest on this one only.
    const secret = /^\/actions\/secrets\/(public-key|[A-Za-z0-9_]+)$/.exec(rest);
    if (secret) return this.secretRoute(method, `${owner}/${repo}`, secret[1]!, body);
    if (`${owner}/${repo}` !== this.fullName) return notFound;
    const route = `${method} ${rest.replace(/\/\d+(?=\/|$)/g, '/:n')}`;
    const n = Number(/\/(\d+)(?:\/[a-z]+)?$/.exec(rest)?.[1]);
    switch (route) {
      case 'GET /issues/:n/comments':
        return this.issues.has(n)
          ? page(
              url,
              this.commentsOn(n).map((c) => commentJson(this, c)),
            )
          : notFound;
      case 'POST /issues/:n/comments': {
        if (!this.issues.has(n)) return notFound;
        const invalid = this.invalidBody(body.body);
        if (invalid) return invalid;
        const id = this.addComment(n, this.login, body.body as string);
        return {
          status: 201,
          body: commentJson(
            this,
            this.comments.find((c) => c.id === id)!,
          ),
        };
      }
      case 'PATCH /issues/comments/:n': {
        const comment = this.comments.find((c) => c.id === n);
        if (!comment) return notFound;
        const invalid = this.invalidBody(body.body);
        if (invalid) return invalid;
        comment.body = body.body as string;
        comment.updatedAt = this.now();
        return { status: 200, body: commentJson(this, comment) };
      }
      case 'DELETE /issues/comments/:n': {
        const index = this.comments.findIndex((c) => c.id === n);
        if (index < 0) return notFound;
        this.comments.splice(index, 1);
        return { status: 204 };
      }
      case 'GET /pulls/:n': {
        const pull = this.pulls.get(n);
        return pull ? { status: 200, body: pullJson(this, pull, true) } : notFound;
      }
      case 'GET /pulls/:n/reviews':
        if (!this.pulls.has(n)) return notFound;
        return page(
          url,
          this.reviews.filter((r) => r.pullNumber === n).map((r) => reviewJson(r)),
        );
      case 'GET /issues':
        return page(
          url,
          this.listIssues(url).map((issue) => issueJson(this, issue)),
        );
      case 'POST /issues': {
        const invalid = this.invalidBody(body.body);
        if (invalid || typeof body.title !== 'string')
          return invalid ?? { status: 422, body: { message: 'Validation Failed' } };
        const labels = Array.isArray(body.labels) ? (body.labels as string[]) : [];
        const number = this.addIssue({ title: body.title, body: body.body as string, labels, author: this.login });
        return { status: 201, body: issueJson(this, this.issues.get(number)!) };
      }
      case 'PATCH /issues/:n': {
        const issue = this.issues.get(n);
        if (!issue) return notFound;
        if (body.body !== undefined) {
          const invalid = this.invalidBody(body.body);
          if (invalid) return invalid;
          issue.body = body.body as string;
        }
        if (typeof body.title === 'string') issue.title = body.title;
        if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
        // GitHub answers 422 to a reason its description does not list.
        if (body.state_reason !== undefined) {
          if (!STATE_REASONS.includes(body.state_reason as never))
            return { status: 422, body: { message: 'Validation Failed' } };
          issue.stateReason = body.state_reason as Issue['stateReason'];
        }
        return { status: 200, body: issueJson(this, issue) };
      }
    }
    const commitPulls = /^\/commits\/([0-9a-f]{7,40})\/pulls$/.exec(rest);
    if (method === 'GET' && commitPulls) {
      const numbers = this.commitPulls.get(commitPulls[1]!) ?? [];
      return page(
        url,
        numbers.map((number) => pullJson(this, this.pulls.get(number)!, false)),
      );
    }
    const ref = /^\/git\/ref\/heads\/(.+)$/.exec(rest);
    if (method === 'GET' && ref) {
      const branch = decodeURIComponent(ref[1]!);
      const sha = this.refs.get(branch);
      if (!sha) return notFound;
      const json: RefJson = { ref: `refs/heads/${branch}`, node_id: 'REF', object: { sha, type: 'commit' } };
      return { status: 200, body: json };
    }
    return notFound;
  }

  private secretRoute(method: string, fullName: string, name: string, body: Record<string, unknown>): CannedResponse {
    if (method === 'GET' && name === 'public-key')
      return { status: 200, body: { key_id: this.keyId, key: this.publicKey } satisfies PublicKeyJson };
    if (method !== 'PUT' || name === 'public-key') return { status: 404, body: { message: 'Not Found' } };
    if (typeof body.encrypted_value !== 'string' || body.key_id !== this.keyId) {
      return { status: 422, body: { message: 'Bad request - encrypted_value and a current key_id are required' } };
    }
    const key = `${fullName}/${name.toUpperCase()}`;
    const existed = this.secrets.has(key);
    this.secrets.set(key, { encrypted_value: body.encrypted_value, key_id: body.key_id });
    return existed ? { status: 204 } : { status: 201, body: {} };
  }

  private invalidBody(body: unknown): CannedResponse | undefined {
    if (typeof body !== 'string') return { status: 422, body: { message: 'Validation Failed' } };
    if ([...body].length <= BODY_LIMIT) return undefined;
    const message = `body is too long (maximum is ${BODY_LIMIT} characters)`;
    return {
      status: 422,
      body: { message: 'Validation Failed', errors: [{ field: 'body', code: 'custom', message }] },
    };
  }

  private listIssues(url: URL): Issue[] {
    const state = url.searchParams.get('state') ?? 'open';
    const labels = url.searchParams.get('labels')?.split(',').filter(Boolean) ?? [];
    return [...this.issues.values()]
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => labels.every((label) => issue.labels.includes(label)))
      .sort((a, b) => b.number - a.number);
  }
}

/** A fake GitHub on 127.0.0.1 (a free port), closed after the test file. */
export function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  return FakeGitHub.start(options);
}
