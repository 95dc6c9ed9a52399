// Where a key's secret may be written. A config can come from a stranger's pull request, so its
// `deliver.file` stays inside a folder roster trusts (the folder of the config that names it, or
// `apply --secrets-dir`): a relative path without `..`, through real folders, to a regular file or
// nothing yet. Symbolic links are refused on the way and at the target, never followed.
import { type Stats, lstatSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { quoteValue } from './diagnostic.js';

/**
 * The problem with `written` as a deliver path inside `base`, or undefined when it is fine. (At
 * write time, app/private-file.ts checks the same way, folder by folder, by handle.)
 */
export function deliverPathProblem(written: string, base: string): string | undefined {
  const parts = pathParts(written);
  if (typeof parts === 'string') return parts;
  for (let index = 0; index < parts.length; index++) {
    const shown = parts.slice(0, index + 1).join('/');
    const path = join(base, shown);
    const last = index === parts.length - 1;
    const stats = lstatOrProblem(path, shown);
    if (typeof stats === 'string') return stats;
    if (!stats) return undefined; // nothing below a missing folder exists yet
    const problem = entryProblem(stats, shown, last);
    if (problem) return problem;
  }
  return undefined;
}

/** Why an existing entry on a deliver path (a folder on the way, or the file when `last`) is wrong. */
export function entryProblem(stats: Stats, shown: string, last: boolean): string | undefined {
  if (stats.isSymbolicLink()) {
    return `${quoteValue(shown)} is a symbolic link; roster never writes a secret through a link. Point deliver.file at a real folder and file`;
  }
  if (!last && !stats.isDirectory()) {
    return `${quoteValue(shown)} is not a folder; deliver.file must lead through folders to a file`;
  }
  if (last && !stats.isFile()) {
    return `${quoteValue(shown)} exists and is not a regular file (a folder, device or pipe); deliver.file must name a file, or nothing yet`;
  }
  return undefined;
}

/** The folders and file of a written path, or why it cannot be one. */
export function pathParts(written: string): string[] | string {
  if (written.includes('\0')) return 'deliver.file contains a NUL character; write a plain relative path';
  if (isAbsolute(written)) {
    return `deliver.file ${quoteValue(written)} is an absolute path; write a path relative to the folder of this file, like .roster/secrets/bot.key`;
  }
  const parts = written.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    return `deliver.file ${quoteValue(written)} goes up with ".."; it must stay inside the folder of this file (or apply --secrets-dir)`;
  }
  if (parts.length === 0) return `deliver.file ${quoteValue(written)} names a folder, not a file`;
  return parts;
}

function lstatOrProblem(path: string, shown: string): Stats | undefined | string {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : `cannot check ${quoteValue(shown)} (${code ?? 'error'})`;
  }
}
