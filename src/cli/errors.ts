// The CLI's typed failure: a code, a message that says what to do, and an exit code. The entry
// point prints the message (never a stack trace) and exits.
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
