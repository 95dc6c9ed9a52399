// The committed bundle is compared with a fresh build in CI (.ci/run), so a build must not depend
// on when or where it runs; and better-sqlite3 must stay out of what every command loads.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_IN_REPO } from '../helpers/action.js';
import { tmpDir } from '../helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const files = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('action bundle', () => {
  it('builds the same bytes twice, with no absolute path in them', () => {
    const again = tmpDir();
    execFileSync(process.execPath, ['scripts/bundle-action.mjs', '--outdir', again], { cwd: ROOT });
    const first = files(BUNDLE_IN_REPO);
    expect(files(again)).toEqual(first);
    for (const text of Object.values(first)) expect(text).not.toContain(ROOT);
  });

  it('imports better-sqlite3 only from the chunk the local provider loads', () => {
    const built = files(BUNDLE_IN_REPO);
    expect(built['index.js']).not.toMatch(/from "better-sqlite3"/);
    const withSqlite = Object.keys(built).filter((name) => /from "better-sqlite3"/.test(built[name]!));
    expect(withSqlite).toHaveLength(1);
    expect(built['index.js']).toContain(`import("./${withSqlite[0]}")`);
  });
});
