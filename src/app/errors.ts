// The typed failure of a use case: a code, a message that says what to do, and an exit code. The
// CLI prints the message (never a stack trace) and exits; the action fails its step with it.
import { ApplyError } from '../apply/apply-plan.js';
import { ProviderError } from '../providers/provider.js';
import { DatabaseOpenError } from '../store/errors.js';

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface ExpectedFailure {
  code: string;
  message: string;
  /** What to do about it, when the message does not say. */
  hint?: string;
  exitCode: number;
}

/** What to do about a workspace or a file roster cannot use, by the failure's code. */
const HINTS: Record<string, string> = {
  unauthenticated:
    'the token is not a valid key of this workspace: check ROSTER_TOKEN (the personal key of an owner or admin, not expired or revoked)',
  forbidden: "this key may not read or change the workspace: set ROSTER_TOKEN to an owner's or admin's personal key",
  unreachable: 'is `roster serve` running at that URL? Check provider.url (or ROSTER_URL)',
  'not-a-workspace':
    'point provider.path (or roster serve --db) at a roster workspace file, or at a path where no file exists yet to start a new workspace',
  permission:
    'let the user running roster read that file (and, for apply and serve, write it and its folder), or run roster as the user who owns it',
  'no-such-folder': 'create the folder first, or give a path in a folder that exists',
  'is-a-folder': 'that path is a folder: name a file in it',
};

/** File-system failures that are the machine's, not roster's: the code roster reports them under. */
const SYSTEM_CODES: Record<string, string> = {
  EACCES: 'permission',
  EPERM: 'permission',
  EROFS: 'permission',
  ENOENT: 'no-such-folder',
  ENOTDIR: 'no-such-folder',
  EISDIR: 'is-a-folder',
};

/**
 * The code, message, hint and exit code of an expected failure (bad input, a refused or
 * unreachable workspace, a file roster may not use, a refused apply); undefined for anything else,
 * which is a bug. The message may quote a workspace's or a server's words: show it through visible().
 */
export function expectedFailure(error: unknown): ExpectedFailure | undefined {
  if (error instanceof AppError) return { code: error.code, message: error.message, exitCode: error.exitCode };
  // A provider that failed while reading (unreachable, refused the token, redirected) is not a bug.
  if (error instanceof ProviderError && error.hint)
    return { code: error.code, message: error.message, hint: error.hint, exitCode: 1 };
  if (error instanceof ApplyError || error instanceof ProviderError || error instanceof DatabaseOpenError)
    return withHint(error.code, error.message);
  const system = error as NodeJS.ErrnoException;
  const code = typeof system.code === 'string' ? SYSTEM_CODES[system.code] : undefined;
  if (code && system.path) return withHint(code, `${system.path}: ${systemReason(system)}`);
  return undefined;
}

function withHint(code: string, message: string): ExpectedFailure {
  const hint = HINTS[code];
  return { code, message, exitCode: 1, ...(hint ? { hint } : {}) };
}

/** "permission denied (open)", without Node's "EACCES: ..., open '/path'" wrapping. */
function systemReason(error: NodeJS.ErrnoException): string {
  const reason =
    { EROFS: 'read-only file system', ENOENT: 'no such folder', ENOTDIR: 'no such folder', EISDIR: 'is a folder' }[
      error.code ?? ''
    ] ?? 'permission denied';
  return error.syscall ? `${reason} (${error.syscall})` : reason;
}
