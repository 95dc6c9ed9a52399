// The typed failure of a use case: a code, a message that says what to do, and an exit code. The
// CLI prints the message (never a stack trace) and exits; the action fails its step with it.
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
