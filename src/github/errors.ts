// Every failure of the GitHub adapter is a GitHubError: a code the action can act on and a message
// naming the HTTP status and the endpoint. Messages are built here from the status, the method,
// the path and GitHub's own one-line message only: never from the request (its headers hold the
// token, its body may hold a secret, even if encrypted) and no `cause` is kept for the same reason.

export type GitHubErrorCode =
  | 'unauthorized' // 401: the token is wrong or expired
  | 'forbidden' // 403: the token lacks a permission (see the workflow's `permissions:`)
  | 'not-found' // 404: no such pull request, branch, repository, or no access to it
  | 'conflict' // 409
  | 'invalid' // 422: GitHub refused the content
  | 'rate-limited' // 403/429 over a rate limit for longer than the client waits
  | 'server-error' // 5xx after the retries
  | 'unreachable' // no answer at all
  | 'too-long' // a comment or issue body over GitHub's limit: the caller summarises
  | 'bad-marker' // a sticky comment's marker that hiddenMarker did not make
  | 'bad-response'; // an answer without the fields GitHub documents

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(
    readonly code: GitHubErrorCode,
    message: string,
    /** The HTTP status, when GitHub answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

interface RequestErrorLike {
  status: number;
  request: { method: string; url: string };
  response?: { headers: Record<string, string | number | undefined>; data: unknown };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  if (typeof error !== 'object' || error === null) return false;
  const { status, request } = error as Partial<RequestErrorLike>;
  return typeof status === 'number' && typeof request?.method === 'string' && typeof request.url === 'string';
}

/** The path of a request URL (the query, if any, is left out: it says nothing useful). */
function endpoint(method: string, url: string): string {
  try {
    return `${method} ${new URL(url).pathname}`;
  } catch {
    return method;
  }
}

/** GitHub's own explanation ({"message": ...}), one line, bounded. */
function gitHubMessage(data: unknown): string | undefined {
  const message = (data as { message?: unknown } | undefined)?.message;
  if (typeof message !== 'string' || message === '') return undefined;
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function codeFor(error: RequestErrorLike): GitHubErrorCode {
  if (!error.response) return 'unreachable';
  const { status, response } = error;
  if (status === 429) return 'rate-limited';
  if (status === 403) {
    const limited =
      response.headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(gitHubMessage(response.data) ?? '');
    return limited ? 'rate-limited' : 'forbidden';
  }
  const byStatus: Record<number, GitHubErrorCode> = {
    401: 'unauthorized',
    404: 'not-found',
    409: 'conflict',
    422: 'invalid',
  };
  return byStatus[status] ?? (status >= 500 ? 'server-error' : 'invalid');
}

/** A GitHubError for anything a request threw; `doing` says what roster was doing. */
export function toGitHubError(error: unknown, doing: string): GitHubError {
  if (error instanceof GitHubError) return error;
  if (!isRequestError(error)) {
    const reason = error instanceof Error ? error.name : typeof error;
    return new GitHubError('unreachable', `${doing}: the request to GitHub failed (${reason})`);
  }
  const where = endpoint(error.request.method, error.request.url);
  if (!error.response) return new GitHubError('unreachable', `${doing}: no answer from GitHub to ${where}`);
  const said = gitHubMessage(error.response.data);
  const code = codeFor(error);
  const hint =
    code === 'rate-limited'
      ? ` (rate limit${error.response.headers['x-ratelimit-reset'] ? ` until ${new Date(Number(error.response.headers['x-ratelimit-reset']) * 1000).toISOString()}` : ''})`
      : '';
  return new GitHubError(
    code,
    `${doing}: GitHub answered ${error.status} to ${where}${said ? `: ${said}` : ''}${hint}`,
    error.status,
  );
}
