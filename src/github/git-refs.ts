// Small git reads shared by the config diff and the base config, through simple-git. The refs
// come from an event payload; one that starts with "-" would be read as an option, so it is
// refused before it reaches git.
import { simpleGit, type SimpleGit } from 'simple-git';

export class GitRefError extends Error {
  constructor(
    readonly code: 'invalid-git-ref' | 'git-ref-not-found',
    message: string,
  ) {
    super(message);
  }
}

export function gitAt(repoDir: string): SimpleGit {
  return simpleGit({ baseDir: repoDir });
}

export function checkedRef(ref: string): string {
  if (!ref || ref.startsWith('-') || /[\s\0]/.test(ref))
    throw new GitRefError('invalid-git-ref', `"${ref}" is not a git ref or commit: expected a branch, tag or SHA`);
  return ref;
}

/**
 * The commit a ref names. A shallow clone (actions/checkout fetches one commit by default) lacks
 * the base commit: say so and what to do, rather than pass git's own error on.
 */
export async function commitOf(git: SimpleGit, ref: string): Promise<string> {
  const sha = await git.raw(['rev-parse', '--verify', '--quiet', `${checkedRef(ref)}^{commit}`]).catch(() => '');
  if (!sha.trim())
    throw new GitRefError(
      'git-ref-not-found',
      `${ref} is not a commit in this clone; fetch it first (actions/checkout with fetch-depth: 0, or git fetch origin ${ref})`,
    );
  return sha.trim();
}

/** Blob ids of the given repo-relative paths at a ref; a path that is not a file there is absent. */
export async function blobsAt(git: SimpleGit, ref: string, paths: readonly string[]): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  if (!paths.length) return blobs;
  // Literal pathspecs: a config file named "teams/[a].yaml" is that file, not a pattern.
  const out = await git.raw([
    '--literal-pathspecs',
    'ls-tree',
    '-r',
    '-z',
    '--full-tree',
    checkedRef(ref),
    '--',
    ...paths,
  ]);
  for (const entry of out.split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
    // Only files and symlinks: a submodule is not a config file.
    if (match && match[2] === 'blob') blobs.set(match[4]!, match[3]!);
  }
  return blobs;
}

export async function readBlob(git: SimpleGit, blob: string): Promise<string> {
  return git.raw(['cat-file', 'blob', blob]);
}

/**
 * Writes the tree of a ref into `dir` without touching the repository's working tree, its index
 * or its worktree list: a throwaway index (`indexFile`) is filled from the ref and checked out
 * under `dir`. Unlike `git worktree add`, no hook runs and nothing is left to prune.
 */
export async function checkoutTreeInto(repoDir: string, ref: string, dir: string, indexFile: string): Promise<void> {
  const commit = await commitOf(gitAt(repoDir), ref);
  const scoped = simpleGit({ baseDir: repoDir, allowEnvironment: ['GIT_INDEX_FILE'] }).env({
    ...passedEnv(),
    GIT_INDEX_FILE: indexFile,
  });
  await scoped.raw(['read-tree', commit]);
  await scoped.raw(['checkout-index', '--all', '--force', `--prefix=${dir}/`]);
}

/**
 * What git needs from the environment to find itself and its global config (HOME holds the
 * runner's safe.directory). simple-git refuses a custom environment that names an editor, a pager
 * or any GIT_ variable it was not told to allow, so process.env cannot be passed on whole.
 */
const PASSED = ['PATH', 'HOME', 'XDG_CONFIG_HOME', 'USERPROFILE', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP', 'LANG'];

function passedEnv(): Record<string, string> {
  return Object.fromEntries(
    PASSED.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]!]])),
  );
}
