// The workspace API of `roster serve` (or anything that speaks it): one read for a plan, one
// atomic batch for an apply, with If-Match, an Idempotency-Key and retries.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Actor, BatchResult } from '../../model/changes.js';
import { MAX_BATCH_CHANGES } from '../../model/api-limits.js';
import { FULL_CAPABILITIES } from '../../model/capabilities.js';
import type { WorkspaceState } from '../../model/state.js';
import type { Usage } from '../../model/usage.js';
import {
  type ApplyRequest,
  type AuditPage,
  type AuditQuery,
  type Provider,
  ProviderError,
  type Snapshot,
} from '../provider.js';
import * as answers from './api-validators.js';
import { describeAnswer, readAnswer, readRefusal } from './answer.js';
import { DEFAULT_RETRY, isRetryable, type RetryPolicy, retryDelayMs } from './retry.js';

/** The largest page the server gives. */
const PAGE_SIZE = 1000;

interface StateResponse {
  version: number;
  caller: Actor;
  state: WorkspaceState;
}

/** A refusal, as the API description's Error schema says. */
interface Refusal {
  error: { code: string; message: string; changes?: ProviderError['details'] };
}

export class HttpProvider implements Provider {
  readonly capabilities = { ...FULL_CAPABILITIES, maxBatchChanges: MAX_BATCH_CHANGES };
  readonly description: string;
  /** Requests sent, retries included: for benchmarks and tests. */
  requests = 0;
  private loaded: Promise<{ snapshot: Snapshot; caller: Actor }> | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.description = `http ${baseUrl}`;
  }

  async whoami(): Promise<Actor> {
    return (await this.load()).caller;
  }

  async snapshot(): Promise<Snapshot> {
    return (await this.load()).snapshot;
  }

  async apply(request: ApplyRequest): Promise<BatchResult> {
    this.loaded = undefined; // the next read must see what this batch did
    return this.read<BatchResult>(answers.batchResult, 'POST', '/v1/changes', {
      body: JSON.stringify({
        changes: request.changes,
        managed: true,
        ...(request.context ? { context: request.context } : {}),
      }),
      headers: {
        'content-type': 'application/json',
        'if-match': `"${request.expectedVersion}"`,
        'idempotency-key': request.idempotencyKey,
      },
    });
  }

  async usage(): Promise<Usage> {
    const [members, keys, grants] = await Promise.all([
      this.everyPage<{ email: string; createdAt: string }>('/v1/members', answers.memberPage),
      this.everyPage<{ name: string; lastUsedAt?: string }>('/v1/keys', answers.keyPage),
      this.everyPage<Usage['grants'][number]>('/v1/grant-use', answers.grantUsePage),
    ]);
    return {
      members: members.map(({ email, createdAt }) => ({ email, joinedAt: createdAt })),
      keys: keys.flatMap(({ name, lastUsedAt }) => (lastUsedAt ? [{ name, lastUsedAt }] : [])),
      grants: grants.map(({ email, integration, grantedAt, lastUsedAt }) => ({
        email,
        integration,
        ...(grantedAt ? { grantedAt } : {}),
        ...(lastUsedAt ? { lastUsedAt } : {}),
      })),
    };
  }

  async auditLog(filter: AuditQuery, cursor?: string): Promise<AuditPage> {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const name of ['member', 'key', 'since'] as const) if (filter[name]) query.set(name, filter[name]);
    if (cursor) query.set('cursor', cursor);
    return this.read<AuditPage>(answers.auditPage, 'GET', `/v1/audit?${query}`);
  }

  async close(): Promise<void> {}

  /** Every item of a paged list, page after page. */
  private async everyPage<T>(path: string, validate: ValidateFunction): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
      const page = await this.read<{ items: T[]; next?: string }>(validate, 'GET', `${path}?${query}`);
      items.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return items;
  }

  private load() {
    // The state of a large workspace is megabytes of JSON: asked for gzipped (fetch unpacks it).
    this.loaded ??= this.read<StateResponse>(answers.state, 'GET', '/v1/state', {
      headers: { 'accept-encoding': 'gzip' },
    }).then((body) => ({ snapshot: { state: body.state, version: String(body.version) }, caller: body.caller }));
    return this.loaded;
  }

  /** Sends, and reads the answer once it is known to be what the API description says. */
  private async read<T>(
    validate: ValidateFunction,
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const response = await this.send(method, path, init);
    return readAnswer<T>(response, new URL(path, this.baseUrl), validate, method !== 'GET');
  }

  /** Sends with retries; the same Idempotency-Key makes a retried batch safe. */
  private async send(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        this.requests++;
        response = await fetch(url, {
          method,
          ...(init.body !== undefined ? { body: init.body } : {}),
          headers: { authorization: `Bearer ${this.token}`, ...init.headers },
          signal: AbortSignal.timeout(this.retry.timeoutMs),
          // The token is bound to this endpoint: a redirect is an answer, never followed.
          redirect: 'manual',
        });
      } catch (error) {
        if (attempt >= this.retry.attempts) {
          throw new ProviderError(
            'unreachable',
            `no workspace server answered at ${this.baseUrl} (${networkReason(error)}) after ${attempt} attempts`,
            [],
            method !== 'GET',
          );
        }
        await this.sleep(retryDelayMs(this.retry, attempt, null));
        continue;
      }
      if (response.ok) return response;
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        throw new ProviderError(
          'redirected',
          `the workspace at ${this.baseUrl} answered with a redirect (${response.status}); roster sends its token only to the endpoint it was given and follows no redirect. Set ROSTER_URL (or provider.url) to the address the workspace API really answers at`,
          [],
          false,
        );
      }
      if (isRetryable(response.status) && attempt < this.retry.attempts) {
        await response.body?.cancel();
        await this.sleep(retryDelayMs(this.retry, attempt, response.headers.get('retry-after')));
        continue;
      }
      throw await this.failure(response, url, method !== 'GET');
    }
  }

  /**
   * A definite 4xx answer means the write was refused (a retried batch that had been committed is
   * answered from the idempotency record, not refused). After a 5xx or 429 nobody knows.
   */
  private async failure(response: Response, url: URL, isWrite: boolean): Promise<ProviderError> {
    const { body, text } = await readRefusal<Refusal>(response, answers.error);
    // Not the API's refusal (a proxy's error page): the answer itself, quoted inertly.
    const message =
      body?.error.message ?? describeAnswer(response, url, text, 'that is not a refusal the API describes');
    switch (response.status) {
      case 401:
        return new ProviderError('unauthenticated', `the workspace refused ROSTER_TOKEN: ${message}`);
      case 403:
        return new ProviderError('forbidden', message);
      case 412:
        return new ProviderError('stale', 'the workspace changed since the plan was made');
      case 422:
        return new ProviderError('rejected', `the workspace refused the batch: ${message}`, body?.error.changes ?? []);
      default:
        return new ProviderError(
          body?.error.code ?? 'http-error',
          body ? `the workspace answered ${response.status}: ${message}` : message,
          [],
          isWrite && isRetryable(response.status),
        );
    }
  }
}

/** fetch says only "fetch failed": the reason (ECONNREFUSED, ENOTFOUND, a timeout) is its cause. */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof cause?.message === 'string' ? cause.message : (error as Error).message;
}
