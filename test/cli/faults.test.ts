// Every command against the faults a user meets (a wrong token, a member's key, a server that is
// down, a workspace path that is a folder or not a database, a file roster may not read): each is
// reported with its own code and what to do, exit 1, and never as a bug in roster.
import { chmodSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindingByModes, roster, rosterAsync, type RunResult } from '../helpers/cli.js';
import { memberWithKey, startServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const HINTS = {
  unauthenticated: 'check ROSTER_TOKEN',
  forbidden: "set ROSTER_TOKEN to an owner's or admin's personal key",
  unreachable: 'is `roster serve` running at that URL? Check provider.url (or ROSTER_URL)',
  'not-a-workspace': 'point provider.path (or roster serve --db) at a roster workspace file',
  permission: 'or run roster as the user who owns it',
  'no-such-folder': 'create the folder first',
  'is-a-folder': 'that path is a folder: name a file in it',
};

function expectFault(run: RunResult, code: keyof typeof HINTS, what: string): void {
  const output = `${what}\n${run.stdout}${run.stderr}`;
  expect(output).not.toMatch(/internal|This is a bug/);
  expect(output).toContain(`[${code}]`);
  expect(output).toContain(HINTS[code]);
  expect(run.code, output).toBe(1);
}

const HTTP_CONFIG = rootConfig('provider: { type: http }\nmembers:\n  - { email: owner@x.io, role: owner }\n');
const localConfig = (path: string) =>
  rootConfig(`provider: { type: local, path: ${path} }\nmembers:\n  - { email: owner@x.io, role: owner }\n`);
/** Commands that read or change the workspace; validate reads the config only. */
const WORKSPACE_COMMANDS = [['plan'], ['apply', '--yes'], ['export']];

/**
 * A port nothing listens on, on 127.0.0.3: the other tests' servers listen on 127.0.0.1 only, so
 * one of them taking the port meanwhile (tests run in parallel) cannot make the server "up".
 */
const DOWN_HOST = '127.0.0.3';
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, DOWN_HOST, done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('faults a user meets', () => {
  it('reports a wrong token, a member key and a server that is down with a code and a hint', async () => {
    const server = await startServer();
    const keys = await server.seed(memberWithKey('m@x.io', 'member'));
    const down = `http://${DOWN_HOST}:${await closedPort()}`;
    const dir = tmpDir({ 'roster.yaml': HTTP_CONFIG });
    const faults = [
      { code: 'unauthenticated', env: { ROSTER_URL: server.url, ROSTER_TOKEN: 'rst_0000000000000000_wrong' } },
      { code: 'forbidden', env: { ROSTER_URL: server.url, ROSTER_TOKEN: keys['m-key']! } },
      { code: 'unreachable', env: { ROSTER_URL: down, ROSTER_TOKEN: server.ownerKey } },
    ] as const;
    const runs = faults.flatMap((fault) =>
      WORKSPACE_COMMANDS.map(async (args) => ({
        fault,
        args,
        run: await rosterAsync(args, { cwd: dir, env: fault.env }),
      })),
    );
    for (const { fault, args, run } of await Promise.all(runs)) {
      expectFault(run, fault.code, `${args[0]} ${fault.code}`);
      if (fault.code === 'unreachable')
        expect(run.stderr).toContain(`no workspace server answered at ${down} (ECONNREFUSED)`);
    }
    expect(server.store.snapshot().state.members.map((m) => m.email)).toEqual(['m@x.io', 'owner@x.io']);
  });

  it('reports a workspace path that is a folder or not a database, for every command and serve', () => {
    const dir = tmpDir({
      'folder.yaml': localConfig('folder'),
      'junk.yaml': localConfig('junk.db'),
      'junk.db': 'these are notes, not a database\n',
    });
    mkdirSync(join(dir, 'folder'));
    for (const path of ['folder', 'junk.db']) {
      const config = path === 'folder' ? 'folder.yaml' : 'junk.yaml';
      for (const args of WORKSPACE_COMMANDS) {
        expectFault(roster([...args, '-c', config], { cwd: dir }), 'not-a-workspace', `${args[0]} ${path}`);
      }
      const serve = roster(['serve', '--port', '0', '--db', path, '--bootstrap-owner', 'o@x.io'], { cwd: dir });
      expectFault(serve, 'not-a-workspace', `serve ${path}`);
    }
  });

  // Root reads every file whatever its mode: the commands run without that power (see
  // boundByModes), still as root, so the checkout is reachable wherever it was cloned.
  // The reporter lists a skipped test by its name: where that cannot be done, the name says why.
  const binding = bindingByModes();
  const unreadable = 'reports a config or workspace file roster may not read, naming it';
  it.skipIf(!binding.works)(binding.works ? unreadable : `${unreadable}: SKIPPED, ${binding.why}`, () => {
    const dir = tmpDir({ 'roster.yaml': localConfig('state.db'), 'locked.yaml': localConfig('state.db') });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    chmodSync(join(dir, 'locked.yaml'), 0o000);
    chmodSync(join(dir, 'state.db'), 0o000);
    const as = { cwd: dir, boundByModes: true };

    for (const args of [['validate'], ...WORKSPACE_COMMANDS]) {
      const run = roster([...args, '-c', 'locked.yaml'], as);
      expectFault(run, 'permission', `${args[0]} locked.yaml`);
      expect(run.stderr).toContain('locked.yaml cannot be read: permission denied');
    }
    for (const args of [...WORKSPACE_COMMANDS, ['serve', '--port', '0', '--db', 'state.db']]) {
      const run = roster(args, as);
      expectFault(run, 'permission', `${args[0]} state.db`);
      expect(run.stderr).toContain(`${join(dir, 'state.db')}: permission denied`);
    }
  });

  it('reports a file roster cannot write where it was asked to, naming it', () => {
    const dir = tmpDir({ 'roster.yaml': localConfig('state.db') });
    const missing = roster(['plan', '--out', 'no/such/folder/plan.json'], { cwd: dir });
    expectFault(missing, 'no-such-folder', 'plan --out into a missing folder');
    expect(missing.stderr).toContain(`${join(dir, 'no/such/folder/plan.json')}: no such folder`);
    const folder = roster(['plan', '--out', '.'], { cwd: dir });
    expectFault(folder, 'is-a-folder', 'plan --out a folder');
  });
});
