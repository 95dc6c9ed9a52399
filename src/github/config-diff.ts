// The config change a pull request makes, as reviewers read it under the plan: a unified diff of
// base against head for each config file that differs. The caller names the config files (the
// root config and what its includes matched, on both sides), so a file the head adds to an
// include shows as added and one it drops as deleted.
import { relative, sep } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { ConfigModel } from '../config/model.js';
import { blobsAt, gitAt, readBlob } from './git-refs.js';

export type FileChange = 'added' | 'deleted' | 'modified';

export interface ConfigFileDiff {
  /** Relative to the repository root, with "/" separators. */
  path: string;
  change: FileChange;
  /** Unified diff with "a/path" and "b/path" (or /dev/null) headers and 3 lines of context. */
  patch: string;
}

export async function configDiff(
  repoDir: string,
  base: string,
  head: string,
  files: readonly string[],
): Promise<ConfigFileDiff[]> {
  const git = gitAt(repoDir);
  const paths = [...new Set(files.map((file) => file.replace(/\\/g, '/').replace(/^\.\//, '')))].sort();
  const [before, after] = await Promise.all([blobsAt(git, base, paths), blobsAt(git, head, paths)]);
  const diffs: ConfigFileDiff[] = [];
  for (const path of paths) {
    const [oldBlob, newBlob] = [before.get(path), after.get(path)];
    if (oldBlob === newBlob) continue;
    const [oldText, newText] = await Promise.all([
      oldBlob ? readBlob(git, oldBlob) : '',
      newBlob ? readBlob(git, newBlob) : '',
    ]);
    const change: FileChange = !oldBlob ? 'added' : !newBlob ? 'deleted' : 'modified';
    const patch = createTwoFilesPatch(
      oldBlob ? `a/${path}` : '/dev/null',
      newBlob ? `b/${path}` : '/dev/null',
      oldText,
      newText,
      undefined,
      undefined,
      { context: 3, headerOptions: FILE_HEADERS_ONLY },
    );
    diffs.push({ path, change, patch });
  }
  return diffs;
}

/** A loaded config's files (root and included), relative to `repoRoot` with "/" separators. */
export function configFilePaths(model: Pick<ConfigModel, 'files'>, repoRoot: string): string[] {
  return model.files.map((file) => relative(repoRoot, file.absolutePath).split(sep).join('/'));
}
