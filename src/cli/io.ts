// Where the commands write. Tests give their own sinks; the real CLI uses the process streams.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
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
