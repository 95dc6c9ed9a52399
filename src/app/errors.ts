// The typed failure of a use case: a code, a message that says what to do, and an exit code. The
// CLI prints the message (never a stack trace) and exits; the action fails its step with it.
import { ApplyError } from '../apply/apply-plan.js';
import { ProviderError } from '../providers/provider.js';

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * The code, message and exit code of an expected failure (bad input, a refused or unreachable
 * workspace, a refused apply); undefined for anything else, which is a bug. The message may quote
 * a workspace's or a server's words: show it through visible().
 */
export function expectedFailure(error: unknown): { code: string; message: string; exitCode: number } | undefined {
  if (error instanceof AppError) return { code: error.code, message: error.message, exitCode: error.exitCode };
  // A provider that failed while reading (unreachable, refused the token, redirected) is not a bug.
  if (error instanceof ApplyError || error instanceof ProviderError)
    return { code: error.code, message: error.message, exitCode: 1 };
  return undefined;
}
