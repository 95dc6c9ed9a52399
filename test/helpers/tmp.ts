import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
// The property tests leave hundreds of workspaces behind: on a busy machine removing them takes
// longer than vitest's default 10 s for a hook.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}, 120_000);

/** A temp directory holding the given files (path -> content), removed after the test. */
export function tmpDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'roster-test-'));
  made.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** The smallest valid root config, with extra YAML appended. */
export function rootConfig(extra = '', plan = 'business'): string {
  return `version: 1\nworkspace: { name: test, plan: ${plan} }\n${extra}`;
}
