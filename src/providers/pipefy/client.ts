// Pipefy's GraphQL endpoint: one POST per operation with the bound token. Pipefy reports most
// failures as HTTP 200 with errors[].extensions.code; each failure becomes a PipefyError with a
// code the CLI explains and the correlation id Pipefy's support asks for. Reads are retried with
// backoff; a write is sent once: when its answer is lost (timeout, 5xx, dropped connection) its
// outcome is unknown, and only a read-back can tell. An answer is used only once it fits the
// operation's published shape (operations.ts).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { networkReason } from '../http/http-provider.js';
import { DEFAULT_RETRY, type RetryPolicy, retryDelayMs } from '../http/retry.js';
import { ProviderError } from '../provider.js';
import type { PipefyOperation } from './operations.js';

export class PipefyError extends ProviderError {
  constructor(
    code: string,
    message: string,
    readonly correlationId: string | undefined,
    outcomeUnknown = false,
  ) {
    super(code, correlationId ? `${message} (Pipefy correlation id ${correlationId})` : message, [], outcomeUnknown);
    const hint = PIPEFY_HINTS[code];
    if (hint) this.hint = hint;
  }
}

/** What to do, in Pipefy's terms: the general advice for these codes is about roster's own server. */
const PIPEFY_HINTS: Record<string, string> = {
  unreachable:
    "check PIPEFY_URL (or provider.url): it must be Pipefy's GraphQL endpoint, https://api.pipefy.com/graphql unless your organization has its own host, reachable from here",
  'server-error': "Pipefy's API failed to answer; try again later. If it persists, check PIPEFY_URL (or provider.url)",
  unauthenticated:
    'check PIPEFY_TOKEN: a current token of a Pipefy service account (or user) whose role in the organization provider.organization_id is admin or super admin',
  'permission-denied':
    'the account behind PIPEFY_TOKEN may not do this: give the service account the admin (or super admin) role in the organization provider.organization_id, and add it to each pipe the config declares',
};

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message?: string; extensions?: { code?: string; correlation_id?: string } }[];
}

const CORRELATION_HEADERS = ['x-correlation-id', 'x-request-id'];

/** Codes with which Pipefy says "no" for good: a retry gets the same answer. */
const DENIED = new Set(['PERMISSION_DENIED', 'RESOURCE_NOT_FOUND', 'RECORD_NOT_FOUND', 'NOT_FOUND']);
const UNAUTHENTICATED = new Set(['UNAUTHORIZED', 'UNAUTHENTICATED']);
const RATE_LIMITED = new Set(['USAGE_LIMIT_EXCEEDED', 'TOO_MANY_REQUESTS']);

export class PipefyClient {
  /** HTTP requests sent, retries included: for benchmarks and tests. */
  requests = 0;
  /** Awaited before every request: apply sets it to take its request budget. */
  pace: () => Promise<void> = async () => {};

  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly retry: RetryPolicy = { ...DEFAULT_RETRY, timeoutMs: 30_000 },
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** A read: retried on 429, 5xx and network failures. */
  async query<T>(operation: PipefyOperation<T>, variables: Record<string, unknown> = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(operation, variables, false);
      } catch (error) {
        const transient = error instanceof Retryable;
        if (!transient || attempt >= this.retry.attempts) throw transient ? error.failure : error;
        await this.sleep(retryDelayMs(this.retry, attempt, error.retryAfter));
      }
    }
  }

  /** A write, sent exactly once. */
  async mutate<T>(operation: PipefyOperation<T>, variables: Record<string, unknown> = {}): Promise<T> {
    try {
      return await this.send(operation, variables, true);
    } catch (error) {
      throw error instanceof Retryable ? error.failure : error;
    }
  }

  private async send<T>(operation: PipefyOperation<T>, variables: Record<string, unknown>, write: boolean): Promise<T> {
    let response: Response;
    await this.pace();
    this.requests++;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: operation.document, variables, operationName: operation.name }),
        signal: AbortSignal.timeout(this.retry.timeoutMs),
        // The token is bound to this endpoint: a redirect is an answer, never followed.
        redirect: 'manual',
      });
    } catch (error) {
      throw new Retryable(
        new PipefyError(
          'unreachable',
          `Pipefy did not answer at ${this.url} (${networkReason(error)})${write ? '; the change may or may not have been made' : ''}`,
          undefined,
          write,
        ),
        null,
      );
    }
    const correlationId = CORRELATION_HEADERS.map((name) => response.headers.get(name)).find((id) => id) ?? undefined;
    const text = await response.text().catch(() => '');
    const body = parseAnswer<T>(text);
    const first = body?.errors?.[0];
    const id = first?.extensions?.correlation_id ?? correlationId;
    const code = first?.extensions?.code;
    if (response.status === 401 || (code && UNAUTHENTICATED.has(code))) {
      throw new PipefyError(
        'unauthenticated',
        `Pipefy refused PIPEFY_TOKEN at ${this.url}: set it to a valid token (a service account's is recommended)`,
        id,
      );
    }
    if (response.status === 429 || (code && RATE_LIMITED.has(code))) {
      // Refused before it was carried out: not an unknown outcome.
      throw new Retryable(
        new PipefyError('rate-limited', `Pipefy is limiting requests (${code ?? 'HTTP 429'}); try again later`, id),
        response.headers.get('retry-after'),
      );
    }
    if (response.status >= 300 && response.status < 400) {
      throw new PipefyError(
        'redirected',
        `Pipefy answered at ${this.url} with a redirect (${response.status}); roster sends PIPEFY_TOKEN only to the endpoint it was given. Set PIPEFY_URL to the address the GraphQL API really answers at`,
        id,
      );
    }
    if (response.status >= 500) {
      throw new Retryable(
        new PipefyError(
          'server-error',
          `Pipefy answered HTTP ${response.status}${write ? '; the change may or may not have been made' : ''}`,
          id,
          write,
        ),
        response.headers.get('retry-after'),
      );
    }
    if (first) {
      const message = first.message ?? 'no message';
      if (code && DENIED.has(code)) throw new PipefyError('permission-denied', message, id);
      throw new PipefyError('rejected', `Pipefy refused the request: ${message}${code ? ` (${code})` : ''}`, id);
    }
    const data = body?.data;
    const wrong = body ? misfit(operation, data) : 'not JSON';
    if (response.status !== 200 || wrong) {
      throw new PipefyError(
        'unexpected-answer',
        `the answer at ${this.url} to ${operation.name} is not Pipefy's (HTTP ${response.status}, ${response.headers.get('content-type') ?? 'no content type'}${wrong ? `, ${wrong}` : ''}): it begins "${firstWords(text)}". Check PIPEFY_URL (or provider.url): it must be Pipefy's GraphQL endpoint${write ? '; the change may or may not have been made' : ''}`,
        id,
        write,
      );
    }
    return data as T;
  }
}

function parseAnswer<T>(text: string): GraphQLAnswer<T> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as GraphQLAnswer<T>)
      : undefined;
  } catch {
    return undefined;
  }
}

const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
const validators = new WeakMap<PipefyOperation<unknown>, ValidateFunction>();

function validator(operation: PipefyOperation<unknown>): ValidateFunction {
  let validate = validators.get(operation);
  if (!validate) {
    validate = ajv.compile(operation.answer);
    validators.set(operation, validate);
  }
  return validate;
}

/** Where the answer's data leaves the operation's shape ("data/pipe/members/0/user: must have ..."); undefined when it fits. */
function misfit(operation: PipefyOperation<unknown>, data: unknown): string | undefined {
  if (data === undefined || data === null) return 'no data';
  const validate = validator(operation);
  if (validate(data)) return undefined;
  const error = validate.errors?.[0];
  return `data${error?.instancePath ?? ''}: ${error?.message ?? 'does not fit'}`;
}

/** The first words of an answer, on one line, for a message that shows what answered instead. */
function firstWords(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 80)}...` : line || '(nothing)';
}

/** A failure a read may retry; a write throws its `failure` at once. */
class Retryable extends Error {
  constructor(
    readonly failure: PipefyError,
    readonly retryAfter: string | null,
  ) {
    super(failure.message);
  }
}
