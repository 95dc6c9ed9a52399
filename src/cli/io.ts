// Where the commands write. Tests give their own sinks; the real CLI uses the process streams.
import { createInterface } from 'node:readline/promises';
import type { AppIo } from '../app/io.js';
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
  /** Colour escapes allowed: set by the program from isTty, NO_COLOR and --no-color; absent is no. */
  colour?: boolean;
  /** For confirmation prompts; absent when there is no one to ask. */
  stdin?: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The status a shell reports for a writer whose reader left (`yes | head -1`): 128 + SIGPIPE. */
export const CLOSED_PIPE_STATUS = 141;

export interface ProcessIo extends Io {
  /** The reader of standard output went away (`roster audit | head -1`) before all was written. */
  readerGone(): boolean;
}

export function processIo(): ProcessIo {
  // A closed pipe is the reader's choice, not a failure: no stack trace. The command still runs to
  // its end (an apply is never cut in half by a pager quitting); what it would print is dropped.
  let stdoutGone = false;
  let stderrGone = false;
  const onClosed = (mark: () => void) => (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    mark();
  };
  process.stdout.on(
    'error',
    onClosed(() => {
      stdoutGone = true;
      // The pipe may close after the command has returned its status (the error comes a tick late).
      if (!process.exitCode) process.exitCode = CLOSED_PIPE_STATUS;
    }),
  );
  process.stderr.on(
    'error',
    onClosed(() => (stderrGone = true)),
  );
  return {
    out: (text) => {
      if (!stdoutGone) process.stdout.write(text);
    },
    err: (text) => {
      if (!stderrGone) process.stderr.write(text);
    },
    isTty: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    readerGone: () => stdoutGone,
  };
}

/**
 * What the use cases in src/app see of the terminal: notes for a person go to stderr, and at a
 * terminal (not in CI) questions are asked there.
 */
export function appIo(io: Io): AppIo {
  const stdin = io.stdin;
  const ask =
    io.isTty && stdin
      ? async (question: string) => {
          const prompt = createInterface({ input: stdin, output: process.stderr });
          const answer = await prompt.question(question);
          prompt.close();
          return answer.trim() === 'yes';
        }
      : undefined;
  return { cwd: io.cwd, env: io.env, log: io.err, ...(ask ? { ask } : {}) };
}
