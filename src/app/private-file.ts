// Writes a private file inside a folder without a check-then-open race. Each folder on the way is
// opened by handle (O_DIRECTORY | O_NOFOLLOW) and the next name is looked up inside that handle,
// so a folder swapped for a link after it was checked is never followed. The content goes to a
// new temporary file (O_EXCL, mode 0600) in the last folder, which is then renamed over the
// target: nothing is written through whatever sits at the target, and a reader never sees half a
// secret. Linux reaches a name inside a handle through /proc/self/fd; elsewhere the folder's path
// is used, each part still checked before the next.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { entryProblem } from '../config/deliver-path.js';

const BY_HANDLE = existsSync('/proc/self/fd');
const FOLDER_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

interface Folder {
  fd: number;
  path: string;
}

/** The name `name` inside an open folder. */
function inside(folder: Folder, name: string): string {
  return BY_HANDLE ? `/proc/self/fd/${folder.fd}/${name}` : join(folder.path, name);
}

/**
 * Writes `content` to `parts` (folders, then the file) inside `base`, making missing folders
 * (mode 0700). `mayReplace` is asked about the entry at the target (its path inside the open
 * folder) just before the rename. Returns why nothing was written, or undefined when it was.
 * Throws on an unexpected file-system error.
 */
export function writePrivateFile(
  base: string,
  parts: readonly string[],
  content: string,
  mayReplace: (path: string) => string | undefined,
): string | undefined {
  let folder: Folder = { fd: openSync(base, constants.O_RDONLY | constants.O_DIRECTORY), path: base };
  try {
    for (const [index, part] of parts.slice(0, -1).entries()) {
      const next = openFolder(inside(folder, part), parts.slice(0, index + 1).join('/'));
      if (typeof next === 'string') return next;
      closeSync(folder.fd);
      folder = { fd: next, path: join(folder.path, part) };
    }
    const name = parts[parts.length - 1]!;
    const target = inside(folder, name);
    const problem = targetProblem(target, parts.join('/')) ?? mayReplace(target);
    if (problem) return problem;
    const temporary = inside(folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      fchmodSync(fd, 0o600); // the umask may have taken bits away, never added: this is exact
      writeSync(fd, content);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(temporary, target);
    } catch (error) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      unlinkSync(temporary);
      throw error;
    }
    return undefined;
  } finally {
    closeSync(folder.fd);
  }
}

/** Opens (making it when missing) the folder at `path`, or says why it is not a real folder. */
function openFolder(path: string, shown: string): number | string {
  try {
    return openSync(path, FOLDER_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      mkdirSync(path, { mode: 0o700 });
      return openSync(path, FOLDER_FLAGS);
    }
    if (code === 'ENOTDIR' || code === 'ELOOP') return entryProblem(lstatSync(path), shown, false) ?? code;
    throw error;
  }
}

function targetProblem(path: string, shown: string): string | undefined {
  try {
    return entryProblem(lstatSync(path), shown, true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
