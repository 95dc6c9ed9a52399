// Turns one `include` entry into the files it names, inside the root config's folder only. A config
// may come from a stranger's pull request, and whatever it includes is read and may be quoted in
// diagnostics: an absolute path, a `..` or a symlink out of the folder is refused, and a glob may
// match only so many files and walk only so long.
import { readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export const INCLUDE_LIMITS = {
  /** Files one glob may match. */
  files: 1_000,
  /** Directory entries one glob may look at. */
  entries: 50_000,
  /** How long one glob may walk. */
  ms: 2_000,
};

export type IncludeProblem = { code: 'include-outside' | 'include-too-broad'; message: string };

/** The files an entry names (sorted; not yet checked to exist), or why it names none. */
export function includeTargets(
  pattern: string,
  base: string,
  rootDir: string,
): { files: string[] } | { problem: IncludeProblem } {
  if (isAbsolute(pattern) || pattern.split(/[\\/]/).includes('..')) {
    return { problem: outside('an include is a path inside the folder of the root config: no absolute path, no ".."') };
  }
  let files = [resolve(base, pattern)];
  if (isDynamicPattern(pattern)) {
    const found = boundedGlob(pattern, base);
    if ('problem' in found) return found;
    files = found.files;
  }
  const realRoot = realpathOr(rootDir);
  for (const file of files) {
    if (!isInside(realRoot, realpathOr(file))) {
      return { problem: outside('it leads (through a symbolic link) outside the folder of the root config') };
    }
  }
  return { files };
}

/** The real path, or the path itself when it does not exist (then nothing can be read there). */
export function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

function outside(why: string): IncludeProblem {
  return { code: 'include-outside', message: `this include is refused: ${why}` };
}

/**
 * A glob that stops after INCLUDE_LIMITS. The walk is synchronous, so no timer can interrupt it:
 * the directory reads themselves count entries and time, and once over budget they abort the walk
 * and read nothing more.
 */
function boundedGlob(pattern: string, cwd: string): { files: string[] } | { problem: IncludeProblem } {
  const controller = new AbortController();
  const started = Date.now();
  let entries = 0;
  const readdir = ((path: string, options: object) => {
    if (controller.signal.aborted) return [];
    const list = readdirSync(path, options as { withFileTypes: true });
    entries += list.length;
    if (entries > INCLUDE_LIMITS.entries || Date.now() - started > INCLUDE_LIMITS.ms) controller.abort();
    return list;
  }) as unknown as typeof readdirSync;
  const files = globSync(pattern, {
    cwd,
    absolute: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    signal: controller.signal,
    fs: { readdirSync: readdir },
  });
  if (controller.signal.aborted || files.length > INCLUDE_LIMITS.files) {
    const limit = controller.signal.aborted
      ? `looks at more than ${INCLUDE_LIMITS.entries} files and folders or walks for more than ${INCLUDE_LIMITS.ms / 1000} s`
      : `matches more than ${INCLUDE_LIMITS.files} files`;
    return {
      problem: { code: 'include-too-broad', message: `this include ${limit}; name a narrower folder or pattern` },
    };
  }
  return { files: files.sort() };
}
