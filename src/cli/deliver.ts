// Hands new key secrets to their deliver targets. A secret is never printed; if it cannot be
// delivered, the user is told exactly which key to rotate.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Key } from '../model/state.js';

export interface DeliveryReport {
  delivered: string[];
  failed: string[];
}

export function deliverSecrets(secrets: Record<string, string>, keys: readonly Key[], cwd: string): DeliveryReport {
  const report: DeliveryReport = { delivered: [], failed: [] };
  for (const [name, secret] of Object.entries(secrets)) {
    const target = keys.find((key) => key.name === name)?.deliver;
    if (!target || !('file' in target)) {
      report.failed.push(
        `key ${name}: no file to deliver its secret to; rotate it after adding deliver: { file: ... }`,
      );
      continue;
    }
    const shown = relative(cwd, target.file) || target.file;
    try {
      mkdirSync(dirname(target.file), { recursive: true, mode: 0o700 });
      writeFileSync(target.file, `${secret}\n`, { mode: 0o600 });
      chmodSync(target.file, 0o600); // an existing file keeps its old mode on write
      report.delivered.push(`key ${name}: secret written to ${shown} (mode 0600)`);
    } catch (error) {
      report.failed.push(
        `key ${name}: the secret could not be written to ${shown} (${(error as NodeJS.ErrnoException).code ?? 'error'}); fix that, then rotate the key`,
      );
    }
  }
  return report;
}
