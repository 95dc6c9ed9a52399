// Where the commands write. Tests give their own sinks; the real CLI uses the process streams.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}
