// The reference workspace server: the management API, the authorize endpoint and the audit log
// over one WorkspaceStore. Described in schemas/workspace-api.yaml.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { MAX_BATCH_CHANGES } from '../model/api-limits.js';
import type { Actor, Change, ChangeContext } from '../model/changes.js';
import { instantOf, isExpired } from '../model/dates.js';
import { normalizeEmail } from '../model/state.js';
import { ID_PATTERN, isPrivileged } from '../model/vocabulary.js';
import { StoreError } from '../store/errors.js';
import { PostgresError } from '../store/postgres/blocking-connection.js';
import { RESOURCE_NAMES, type ResourceName } from '../store/lists.js';
import type { AuthenticatedKey, WorkspaceStore } from '../store/store.js';
import { Authenticator, bearerSecret } from './authenticate.js';
import { HttpError, readJson, sendError, sendJson } from './http.js';
import { type RateLimit, RateLimiter } from './rate-limit.js';
import { authorizeRequest, batchProblems, ownKeyRequest } from './request-schema.js';
import { StateBodies } from './state-body.js';

export interface ServerOptions {
  rateLimit?: RateLimit;
  /** Failed authentications allowed per key id named (or per address when none is). */
  authFailureLimit?: RateLimit;
  /** Largest accepted change batch body; other bodies are capped at 64 KiB. */
  maxBatchBytes?: number;
  /** The time the rate limits run on; tests pass a fake one. */
  clock?: () => Date;
  /** One line per request (never a secret); silent when omitted. */
  log?: (line: string) => void;
}

const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 50, burst: 200 };
const DEFAULT_AUTH_FAILURE_LIMIT: RateLimit = { perSecond: 1, burst: 10 };
const MAX_SMALL_BODY = 64 * 1024;
const MAX_PAGE = 1000;

const STORE_STATUS: Record<StoreError['code'], number> = {
  'invalid-request': 400,
  rejected: 422,
  stale: 412,
  forbidden: 403,
  'not-found': 404,
  'idempotency-conflict': 409,
};

export function createWorkspaceServer(store: WorkspaceStore, options: ServerOptions = {}): Server {
  const clock = options.clock;
  const now = clock ? () => clock().getTime() : () => performance.now();
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, now);
  const authenticator = new Authenticator(
    store,
    options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT,
    options.log,
    now,
  );
  const maxBatchBytes = options.maxBatchBytes ?? 32 * 1024 * 1024;
  const stateBodies = new StateBodies(store);

  const handle = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<string> => {
    if (request.method === 'GET' && url.pathname === '/v1/health') {
      // Liveness: the process answers. Whether it can serve is `ready` (and GET /v1/ready).
      sendJson(response, 200, { ok: true, ready: store.ready() });
      return '-';
    }
    if (request.method === 'GET' && url.pathname === '/v1/ready') {
      const ready = store.ready();
      sendJson(response, ready ? 200 : 503, ready ? { ready } : { ready, reason: NOT_READY });
      return '-';
    }
    const key = authenticator.authenticate(request);
    const wait = limiter.take(key.id);
    if (wait !== undefined) {
      throw new HttpError(
        429,
        'rate-limited',
        `too many requests; retry in ${wait}s`,
        {},
        { 'retry-after': String(wait) },
      );
    }
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /v1/whoami') {
      sendJson(response, 200, { key: { name: key.name, type: key.type }, ...(key.owner ? { member: key.owner } : {}) });
    } else if (route === 'GET /v1/me') {
      sendJson(response, 200, store.ownAccess(selfServing(key, store.today())));
    } else if (route === 'POST /v1/keys') {
      const asked = ownKeyRequest(await readJson(request, MAX_SMALL_BODY));
      if (typeof asked === 'string') throw new HttpError(400, 'invalid-request', asked);
      const created = store.createOwnKey(selfServing(key, store.today()), { scope: [], ...asked });
      sendJson(response, 201, { ...created.key, secret: created.secret, version: created.version });
    } else if (request.method === 'DELETE' && url.pathname.startsWith('/v1/keys/')) {
      const caller = selfServing(key, store.today());
      // Key names are ids: anything else (escaped or not) names no key.
      const name = url.pathname.slice('/v1/keys/'.length);
      if (!ID_PATTERN.test(name)) throw new HttpError(404, 'not-found', 'no key has that name; key names are ids');
      sendJson(response, 200, store.revokeKey(caller, name));
    } else if (route === 'POST /v1/authorize') {
      const asked = authorizeRequest(await readJson(request, MAX_SMALL_BODY));
      if (typeof asked === 'string') throw new HttpError(400, 'invalid-request', asked);
      // Answered only once the decision's audit record is committed (group commit in the store).
      const decision =
        'pipe' in asked
          ? await store.authorizePipe(key, asked.pipe, asked.action, asked.cardOwner)
          : await store.authorize(key, asked.integration, asked.tool);
      sendJson(response, 200, decision);
    } else if (route === 'POST /v1/changes' && key.type === 'personal' && key.owner && !isPrivileged(key.owner.role)) {
      // Below admin, a person's batch may still create pipes or manage a pipe's people: the
      // store's role rule (src/model/powers.ts) decides change by change. Not after their last day.
      selfServing(key, store.today());
      await postChanges(store, request, response, actorOf(key.owner, key.name), maxBatchBytes, { member: true });
    } else {
      const actor = manager(key, store.today());
      if (route === 'GET /v1/state') {
        await stateBodies.send(request, response, actor);
      } else if (route === 'POST /v1/changes') {
        await postChanges(store, request, response, actor, maxBatchBytes);
      } else if (route === 'GET /v1/audit') {
        const params = queryOf(url, ['member', 'key', 'since', 'limit', 'cursor']);
        const since = params.get('since');
        const filter = {
          ...(params.has('member') ? { member: normalizeEmail(params.get('member')!) } : {}),
          ...(params.has('key') ? { key: params.get('key')! } : {}),
          ...(since !== null ? { since: sinceOf(since) } : {}),
        };
        sendJson(response, 200, store.audit(filter, pageSize(params), params.get('cursor') ?? undefined));
      } else if (request.method === 'GET' && RESOURCE_NAMES.includes(url.pathname.slice(4) as ResourceName)) {
        const resource = url.pathname.slice(4) as ResourceName;
        const params = queryOf(url, ['limit', 'cursor']);
        sendJson(response, 200, store.list(resource, pageSize(params), params.get('cursor') ?? undefined));
      } else {
        throw new HttpError(404, 'not-found', `no route ${route}`);
      }
    }
    return key.name;
  };

  return createServer((request, response) => {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://workspace.invalid');
    handle(request, response, url)
      .catch((error: unknown) => {
        const httpError = toHttpError(error);
        if (httpError.status === 500) options.log?.(`internal error: ${(error as Error).message}`);
        sendError(response, httpError);
        return '-';
      })
      .then((caller) => {
        const ms = (performance.now() - started).toFixed(1);
        options.log?.(`${request.method} ${url.pathname} ${response.statusCode} ${ms}ms key=${caller}`);
      });
  });
}

async function postChanges(
  store: WorkspaceStore,
  request: IncomingMessage,
  response: ServerResponse,
  actor: Actor,
  maxBytes: number,
  { member = false }: { member?: boolean } = {},
): Promise<void> {
  const body = await readJson(request, maxBytes);
  // Counted before the schema is checked: a huge batch would hold every other request up.
  const count = (body as { changes?: unknown } | null)?.changes;
  if (Array.isArray(count) && count.length > MAX_BATCH_CHANGES) {
    throw new HttpError(
      413,
      'too-many-changes',
      `a batch may hold at most ${MAX_BATCH_CHANGES} changes, this one has ${count.length}; send consecutive batches`,
    );
  }
  const problems = batchProblems(body);
  if (problems.length > 0) {
    throw new HttpError(400, 'invalid-request', `the batch is malformed: ${problems.join('; ')}`);
  }
  const batch = body as { changes: Change[]; context?: ChangeContext; managed?: boolean };
  // The audit context (commit, approvers, source) and `managed` speak for roster's pipeline, which
  // applies with an owner's or admin's key: from a member they would be forged, so they are refused.
  if (member && (batch.context !== undefined || batch.managed)) {
    const message =
      'below admin, a batch carries no context and no managed: true; the audit log records your key as its source. Send the changes alone';
    throw new HttpError(422, 'rejected', message, { changes: [{ index: -1, code: 'forbidden', message }] });
  }
  const expectedVersion = expectedVersionOf(request.headers['if-match']);
  const idempotencyKey = request.headers['idempotency-key'];
  const result = store.apply(batch.changes, {
    actor,
    // Scopes a retry's record to this caller's key and keeps it unreadable from the database.
    callerSecret: bearerSecret(request) ?? '',
    ...(batch.context ? { context: batch.context } : {}),
    ...(batch.managed ? { managed: true } : {}),
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    ...(typeof idempotencyKey === 'string' && idempotencyKey ? { idempotencyKey } : {}),
  });
  sendJson(response, 200, result, { etag: `"${result.version}"` });
}

/**
 * Self-service (own keys, own access) takes a member's personal key: keys do not make keys, and a
 * membership past its last day does nothing (the plan that removes it may not be applied yet).
 */
function selfServing(key: AuthenticatedKey, today: string): AuthenticatedKey {
  if (key.type !== 'personal' || !key.owner) {
    throw new HttpError(
      403,
      'forbidden',
      'a workspace key acts for nobody: it makes no keys and has no own access to show; use your personal key',
    );
  }
  if (isExpired(key.owner.expires, today)) {
    throw new HttpError(403, 'forbidden', `${key.owner.email}'s membership expired on ${key.owner.expires}`);
  }
  return key;
}

/** Only personal keys of owners and admins manage the workspace, with their role's powers. */
function manager(key: AuthenticatedKey, today: string): Actor {
  if (key.type !== 'personal' || !key.owner || !isPrivileged(key.owner.role)) {
    const who = key.type === 'workspace' ? 'a workspace key' : `a ${key.owner?.role ?? 'member'}'s key`;
    throw new HttpError(
      403,
      'forbidden',
      `${who} cannot manage the workspace; use the personal key of an owner or admin`,
    );
  }
  selfServing(key, today);
  return actorOf(key.owner, key.name);
}

function actorOf(owner: { email: string; role: Actor['role'] }, keyName: string): Actor {
  return { name: owner.email, role: owner.role, keyName };
}

/**
 * The version an If-Match names: one strong ETag of GET /v1/state, or "*" for whatever the
 * current version is (RFC 9110). Anything else is refused, not read as some version ("" as 0).
 */
function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const version = /^\s*"(0|[1-9][0-9]{0,14})"\s*$/.exec(ifMatch)?.[1];
  if (version === undefined) {
    throw new HttpError(400, 'invalid-request', 'If-Match must be "*" or the ETag of GET /v1/state, quoted: "12"');
  }
  return Number(version);
}

/**
 * The query of a route that takes `known` parameters: anything else, a parameter given twice or
 * given empty is refused with its name, rather than ignored (a mistyped filter would widen the
 * answer without saying so).
 */
function queryOf(url: URL, known: readonly string[]): URLSearchParams {
  const params = url.searchParams;
  for (const name of new Set(params.keys())) {
    const shown = JSON.stringify(name.slice(0, 64));
    if (!known.includes(name)) {
      throw new HttpError(
        400,
        'invalid-request',
        `unknown query parameter ${shown}; this route takes ${known.join(', ')}`,
      );
    }
    if (params.getAll(name).length > 1)
      throw new HttpError(400, 'invalid-request', `query parameter ${shown} is given more than once`);
    if (params.get(name) === '') throw new HttpError(400, 'invalid-request', `query parameter ${shown} is empty`);
  }
  return params;
}

/** `since` as the log stores times (model/dates instantOf), or 400. */
function sinceOf(text: string): string {
  const instant = instantOf(text);
  if (instant === undefined) {
    throw new HttpError(
      400,
      'invalid-request',
      'since must be an ISO date (2026-11-22) or date and time with a zone (2026-11-22T09:30:00Z)',
    );
  }
  return instant;
}

/** Plain decimal digits only: Number() would also read "0x10", "1e3" and " 5". */
function pageSize(params: URLSearchParams): number {
  const text = params.get('limit');
  if (text === null) return 100;
  if (!/^[1-9][0-9]{0,3}$/.test(text) || Number(text) > MAX_PAGE) {
    throw new HttpError(400, 'invalid-request', `limit must be a whole number from 1 to ${MAX_PAGE}, in decimal`);
  }
  return Number(text);
}

const NOT_READY = 'the workspace database is unreachable or its schema is not up to date';

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  // The database, not the request: another instance (or this one, later) can answer it.
  if (error instanceof PostgresError)
    return new HttpError(503, 'unavailable', `${NOT_READY}; try again`, {}, { 'Retry-After': '1' });
  if (error instanceof StoreError) {
    return new HttpError(
      STORE_STATUS[error.code],
      error.code,
      error.message,
      error.changeErrors.length ? { changes: error.changeErrors } : {},
    );
  }
  return new HttpError(500, 'internal', 'the server failed to handle this request; see its log');
}
