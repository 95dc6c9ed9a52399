// Hands new key secrets to their deliver targets. A secret is never printed; if it cannot be
// delivered, the user is told exactly which key to rotate. Targets stay inside their base folder
// (see config/deliver-path.ts) and are written without following a link.
import { closeSync, constants, fchmodSync, fstatSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deliverPathProblem } from '../config/deliver-path.js';
import type { Key } from '../model/state.js';

export interface DeliveryReport {
  delivered: string[];
  failed: string[];
}

/** Writes each secret to its key's deliver.file, inside `secretsDir` when given. */
export function deliverSecrets(
  secrets: Record<string, string>,
  keys: readonly Key[],
  cwd: string,
  secretsDir?: string,
): DeliveryReport {
  const report: DeliveryReport = { delivered: [], failed: [] };
  const written = new Set<string>(); // two keys' paths may meet inside one --secrets-dir
  for (const [name, secret] of Object.entries(secrets)) {
    const target = keys.find((key) => key.name === name)?.deliver;
    if (!target || !('file' in target)) {
      report.failed.push(
        `key ${name}: no file to deliver its secret to; rotate it after adding deliver: { file: ... }`,
      );
      continue;
    }
    const inBase = relative(target.base, target.file);
    const base = secretsDir ?? target.base;
    const path = join(base, inBase);
    const shown = relative(cwd, path) || path;
    let problem: string | undefined;
    try {
      if (secretsDir) mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
      problem = written.has(path)
        ? "another key's new secret was just written there; give each key its own deliver.file"
        : (deliverPathProblem(inBase, base, (folder) => mkdirSync(folder, { mode: 0o700 })) ??
          writeSecretFile(path, secret));
    } catch (error) {
      problem = (error as NodeJS.ErrnoException).code ?? 'error';
    }
    if (!problem) written.add(path);
    if (problem) {
      report.failed.push(
        `key ${name}: the secret could not be written to ${shown} (${problem}); fix that, then rotate the key`,
      );
    } else {
      report.delivered.push(`key ${name}: secret written to ${shown} (mode 0600)`);
    }
  }
  return report;
}

/**
 * Creates or replaces a regular file with mode 0600. O_NOFOLLOW: a link at the target is not
 * followed; O_NONBLOCK: a FIFO there fails or is refused instead of hanging the apply.
 */
function writeSecretFile(path: string, secret: string): string | undefined {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  const fd = openSync(path, flags, 0o600);
  try {
    if (!fstatSync(fd).isFile()) return 'it is not a regular file';
    ftruncateSync(fd, 0);
    fchmodSync(fd, 0o600); // an existing file keeps its old mode on open
    writeSync(fd, `${secret}\n`);
    return undefined;
  } finally {
    closeSync(fd);
  }
}
