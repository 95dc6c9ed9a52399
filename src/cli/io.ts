// Where the commands write. Tests give their own sinks; the real CLI uses the process streams.
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

/** What the use cases in src/app see of the terminal: notes for a person go to stderr. */
export function appIo(io: Io): AppIo {
  return { cwd: io.cwd, env: io.env, log: io.err };
}
