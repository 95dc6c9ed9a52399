// Which file a key's secret may replace. deliver.file comes from a config that a stranger may have
// written, so a delivery never replaces a file roster did not create for that key: an existing
// target must hold one delivered secret (nothing else has that shape) and the folder's delivery
// record must name this key for it. Some files are never a target, even before they exist: git's
// own folder, the workspace database, roster's own bookkeeping and every config file read.
import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeliveredSecret } from '../model/secret-shape.js';
import { deliverPathProblem, pathParts } from './deliver-path.js';
import { quoteValue } from './diagnostic.js';
import type { ConfigModel } from './model.js';
import { readSmallFile } from './small-file.js';

/** The record of which key each delivered file belongs to, inside the folder the files are in. */
export const DELIVERY_RECORD = '.roster/deliveries.json';
/** Files roster keeps beside a config, which a secret must never replace. */
const ROSTER_FILES = [DELIVERY_RECORD, '.roster/apply.journal'];

/** Which key each delivered file (its path inside the folder, parts joined by "/") was written for. */
export type DeliveryRecord = Map<string, string>;

/** Files a secret must never replace, whatever the config says: every config file read, the database. */
export function reservedFiles(model: ConfigModel): string[] {
  return [
    ...model.files.map((file) => file.absolutePath),
    ...(model.provider.type === 'local' ? [model.provider.path] : []),
  ];
}

/**
 * The problem with key `key` delivering to `written` inside `base` (the folder of the config that
 * names it), or undefined when it is fine: the path rules, then the reserved files, then whatever
 * is there now.
 */
export function deliverFileProblem(
  key: string,
  written: string,
  base: string,
  reserved: readonly string[],
): string | undefined {
  const parts = pathParts(written);
  if (typeof parts === 'string') return parts;
  const file = parts.join('/');
  return (
    deliverPathProblem(written, base) ??
    reservedTargetProblem(parts, base, reserved) ??
    existingTargetProblem(join(base, file), file, key, readDeliveryRecord(base))
  );
}

/**
 * Why `parts` (inside `base`) may never be a target, or undefined. `reserved` holds absolute
 * paths roster reads or keeps: the config files and the workspace database.
 */
export function reservedTargetProblem(
  parts: readonly string[],
  base: string,
  reserved: readonly string[],
): string | undefined {
  const shown = quoteValue(parts.join('/'));
  // Compared without case: on a case-insensitive disk ".GIT/config" is git's own file.
  if (parts.some((part) => part.toLowerCase() === '.git')) {
    return `${shown} is inside .git, git's own folder; deliver secrets to a file of their own, like .roster/secrets/bot.key`;
  }
  if (ROSTER_FILES.includes(parts.join('/').toLowerCase())) {
    return `${shown} is a file roster keeps for itself; deliver secrets to a file of their own, like .roster/secrets/bot.key`;
  }
  const path = resolve(base, ...parts).toLowerCase();
  const database = (file: string) => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
  if (reserved.some((file) => database(file.toLowerCase()).includes(path))) {
    return `${shown} is a file roster reads (a config file or the workspace database); a secret must never replace it. Deliver to a file of its own, like .roster/secrets/bot.key`;
  }
  return undefined;
}

/**
 * Why the existing entry at `path` (`file` inside its folder, as the record names it) may not be
 * replaced by key `key`'s new secret, or undefined when nothing is there or it is a secret roster
 * delivered for this key or for no key on record.
 */
export function existingTargetProblem(
  path: string,
  file: string,
  key: string,
  record: DeliveryRecord,
): string | undefined {
  let text: string | undefined;
  try {
    if (!lstatSync(path).isFile()) return undefined; // links, folders, FIFOs: refused by the path rules
    text = readSmallFile(path, 256);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `cannot check ${quoteValue(file)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  const owner = record.get(file);
  if (text === undefined || !isDeliveredSecret(text)) {
    return `${quoteValue(file)} already exists and is not a secret roster delivered; roster never replaces a file it did not create. Choose a new file for deliver.file, or move that file away`;
  }
  // A secret with no record is one delivered before roster kept the record (or since it was
  // lost): the key naming its file takes it over, and the write records it.
  if (owner !== undefined && owner !== key) {
    return `${quoteValue(file)} holds a secret roster delivered for key ${owner}, not key ${key}; one key's secret never replaces another's. Choose a new file for deliver.file, or delete that file if it is no longer used`;
  }
  return undefined;
}

/** The delivery record of `base`, empty when there is none (or it is not one roster wrote). */
export function readDeliveryRecord(base: string): DeliveryRecord {
  if (deliverPathProblem(DELIVERY_RECORD, base)) return new Map(); // a link on the way: not read
  try {
    const text = readSmallFile(join(base, DELIVERY_RECORD), 1 << 20);
    const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
    const files = (parsed as { files?: unknown } | undefined)?.files;
    if (typeof files !== 'object' || files === null) return new Map();
    return new Map(Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return new Map();
  }
}

/** The record's text, as written to DELIVERY_RECORD. */
export function recordText(record: DeliveryRecord): string {
  const files = Object.fromEntries([...record].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}
