// `roster export`: the actual workspace as a roster.yaml, ready to commit.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exportWorkspace } from '../app/export.js';
import { plural } from '../model/plural.js';
import { appIo, type Io } from './io.js';

export async function runExport(io: Io, options: { config: string; out?: string }): Promise<number> {
  const outPath = options.out ? resolve(io.cwd, options.out) : undefined;
  const exported = await exportWorkspace(appIo(io), {
    config: options.config,
    outDir: dirname(outPath ?? resolve(io.cwd, options.config)),
  });
  if (outPath) {
    writeFileSync(outPath, exported.text);
    io.err(`wrote ${options.out}: ${plural(exported.members, 'member')}, ${plural(exported.keys, 'key')}\n`);
  } else {
    io.out(exported.text);
  }
  return 0;
}
