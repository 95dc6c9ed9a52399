// Hands new key secrets to their deliver targets. A secret is never printed; if it cannot be
// delivered, the user is told exactly which key to rotate. Targets stay inside their base folder
// (see config/deliver-path.ts), never replace a file roster did not deliver for that key (see
// config/deliver-target.ts), and are written without a check-then-open race (see private-file.ts).
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathParts } from '../config/deliver-path.js';
import {
  DELIVERY_RECORD,
  type DeliveryRecord,
  existingTargetProblem,
  readDeliveryRecord,
  recordText,
  reservedTargetProblem,
} from '../config/deliver-target.js';
import type { Key } from '../model/state.js';
import { writePrivateFile } from './private-file.js';

export interface DeliveryReport {
  delivered: string[];
  failed: string[];
  /** The keys whose new secret reached its target. */
  keys: string[];
}

/** What a line about a secret that was not delivered tells the user to do, by key name. */
export type Remedy = (key: string) => string;
export const ROTATE_AGAIN: Remedy = () => 'fix that, then rotate the key';

/**
 * Writes each secret to its key's deliver.file, inside `secretsDir` when given. `reserved` holds
 * the absolute paths of the files a secret must never replace (the config files, the database).
 * `remedy` says what to do about a secret that was not written.
 */
export function deliverSecrets(
  secrets: Record<string, string>,
  keys: readonly Key[],
  cwd: string,
  secretsDir?: string,
  reserved: readonly string[] = [],
  remedy: Remedy = ROTATE_AGAIN,
): DeliveryReport {
  const report: DeliveryReport = { delivered: [], failed: [], keys: [] };
  const records = new Map<string, DeliveryRecord>(); // by base folder
  const written: { name: string; shown: string; base: string }[] = [];
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
    const shown = relative(cwd, join(base, inBase)) || join(base, inBase);
    const record = records.get(base) ?? readDeliveryRecord(base);
    records.set(base, record);
    const problem = deliverOne(name, secret, inBase, base, record, reserved, secretsDir);
    if (problem) {
      report.failed.push(`key ${name}: the secret could not be written to ${shown} (${problem}); ${remedy(name)}`);
    } else {
      written.push({ name, shown, base });
    }
  }
  // Each folder's record is written once, after its secrets: a secret on disk that the record does
  // not name yet (the process stopped in between) is taken over by the key naming it next time.
  const unrecorded = new Map<string, string | undefined>();
  for (const base of new Set(written.map((delivery) => delivery.base))) {
    unrecorded.set(base, writeRecord(base, records.get(base)!));
  }
  for (const { name, shown, base } of written) {
    const why = unrecorded.get(base);
    report.keys.push(name);
    report.delivered.push(
      `key ${name}: secret written to ${shown} (mode 0600)${why ? `, but ${DELIVERY_RECORD} could not be updated (${why}): until it is, another key may be pointed at this file` : ''}`,
    );
  }
  return report;
}

/** Writes one secret and adds it to `record`; why it was not written. */
function deliverOne(
  name: string,
  secret: string,
  inBase: string,
  base: string,
  record: DeliveryRecord,
  reserved: readonly string[],
  secretsDir: string | undefined,
): string | undefined {
  const parts = pathParts(inBase);
  if (typeof parts === 'string') return parts;
  const file = parts.join('/');
  try {
    if (secretsDir) mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
    const problem =
      reservedTargetProblem(parts, base, reserved) ??
      writePrivateFile(base, parts, `${secret}\n`, (path) => existingTargetProblem(path, file, name, record));
    if (problem) return problem;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  }
  record.set(file, name);
  return undefined;
}

/** Writes a folder's delivery record; why it could not be. */
function writeRecord(base: string, record: DeliveryRecord): string | undefined {
  try {
    return writePrivateFile(base, DELIVERY_RECORD.split('/'), recordText(record), () => undefined);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  }
}
