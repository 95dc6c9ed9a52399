// The CLI tests and the crash test run the built dist/ in child processes (as users run it). A
// dist/ older than the sources would test stale code, so vitest rebuilds first when any source,
// schema or build script is newer than the build (`npm test` has just built: nothing to do).
// The action tests run the action's bundle as GitHub does: built here from the current sources
// (about a second), never the committed action/, which CI compares separately.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the action tests find the bundle: inside the repository, so node_modules resolves. */
export const ACTION_BUNDLE = 'dist/action-bundle';
const INPUTS = [
  'src/**',
  'schemas/**',
  'scripts/compile-schema.mjs',
  'scripts/schema-validators.mjs',
  'tsconfig*.json',
];

export default function setup(): void {
  const built = modified('dist/cli/main.js');
  const stale = globSync(INPUTS, { cwd: ROOT }).some((path) => modified(path) > built);
  if (stale) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('node', ['scripts/bundle-action.mjs', '--outdir', ACTION_BUNDLE], { cwd: ROOT, stdio: 'inherit' });
}

function modified(path: string): number {
  try {
    return statSync(`${ROOT}/${path}`).mtimeMs;
  } catch {
    return 0;
  }
}
