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

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
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
