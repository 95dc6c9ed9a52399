// Decisions are committed in groups, and each is answered only once its group is committed: under
// concurrent load the log holds exactly the answered decisions, and killing the server with
// SIGKILL loses none that a client received.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../src/store/store.js';
import { CLI } from '../helpers/cli.js';
import { memberWithKey, STRIPE, startServer, itOnSqliteFile } from '../helpers/server.js';
import { tmpDir } from '../helpers/tmp.js';

const UNLIMITED = { perSecond: 1_000_000, burst: 1_000_000 };
const ASKS = [
  { integration: 'stripe', tool: 'find_customer' },
  { integration: 'stripe', tool: 'delete_customer' },
  { integration: 'stripe', tool: 'no_such_tool' },
];

/** Tool decisions in the log (bootstrap and seeding changes are records too). */
function decisionsLogged(dbPath: string): number {
  const store = WorkspaceStore.open(dbPath); // recovers the WAL a killed server left
  try {
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = store.audit({}, 1000, cursor);
      count += page.items.filter((entry) => entry.action.startsWith('tool.')).length;
      cursor = page.next;
    } while (cursor);
    return count;
  } finally {
    store.close();
  }
}

/**
 * `connections` clients asking one after another until `stop()` says so; counts the 200s and
 * calls `onAnswer` with the count as each arrives.
 */
function load(
  url: string,
  key: string,
  connections: number,
  stop: (answered: number) => boolean,
  onAnswer: (answered: number) => void = () => {},
) {
  let answered = 0;
  const client = async (c: number) => {
    for (let i = c; !stop(answered); i += connections) {
      const response = await fetch(`${url}/v1/authorize`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(ASKS[i % ASKS.length]),
      }).catch(() => undefined);
      if (!response) return; // the server is gone
      const body = await response.json().catch(() => undefined);
      if (response.status === 200 && body !== undefined) onAnswer(++answered);
      else if (response.status !== 200) throw new Error(`authorize answered ${response.status}`);
    }
  };
  return Promise.all(Array.from({ length: connections }, (_, c) => client(c))).then(() => answered);
}

describe('audit log under load', () => {
  itOnSqliteFile('holds one record per answered decision when 32 clients ask at once', async () => {
    const server = await startServer({ rateLimit: UNLIMITED });
    const keys = await server.seed([
      STRIPE,
      ...memberWithKey('m@x.io', 'member'),
      { kind: 'grant.set', email: 'm@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
    ]);
    // Read through a connection of its own, which sees only what is committed: when an answer
    // arrives, every decision answered so far is in the log.
    const reader = new Database(server.dbPath, { readonly: true });
    const committed = reader.prepare("SELECT COUNT(*) FROM audit WHERE action LIKE 'tool.%'").pluck();
    const shortfalls: string[] = [];
    const answered = await load(
      server.url,
      keys['m-key']!,
      32,
      (count) => count >= 600,
      (count) => {
        const logged = committed.get() as number;
        if (logged < count) shortfalls.push(`${count} answered, ${logged} committed`);
      },
    );
    reader.close();
    expect(shortfalls).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(600);
    expect(decisionsLogged(server.dbPath)).toBe(answered);
  });

  it('loses no answered decision when roster serve is killed with SIGKILL under load', async () => {
    const dir = tmpDir();
    const dbPath = join(dir, 'workspace.db');
    const child = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--db',
        dbPath,
        '--port',
        '0',
        '--bootstrap-owner',
        'owner@x.io',
        '--rate-limit',
        '1000000',
        '--quiet',
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          const match = /listening on (http:\/\/\S+)/.exec(line);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`roster serve exited with ${code}`)));
      });
      const owner = readFileSync(join(dir, 'bootstrap-owner.key'), 'utf8').trim();
      const seeded = await fetch(`${url}/v1/changes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
        body: JSON.stringify({ changes: [STRIPE, ...memberWithKey('m@x.io', 'admin')] }),
      });
      const key = ((await seeded.json()) as { secrets: Record<string, string> }).secrets['m-key']!;

      let killed = false;
      const answered = await load(url, key, 32, (count) => {
        // Killed in the middle of the load: requests are in flight and a group is being gathered.
        if (count >= 400 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
        return false;
      });
      await exited;
      expect(killed).toBe(true);
      expect(answered).toBeGreaterThanOrEqual(400);
      // Committed but unanswered decisions may be logged too; an answered one is never missing.
      expect(decisionsLogged(dbPath)).toBeGreaterThanOrEqual(answered);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });
});
