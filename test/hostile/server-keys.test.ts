// The role rule at the workspace API, as an attacker holding each kind of key tries it: every
// change kind x every caller x every role of the member the change is about. The expected
// answer comes from the rules of DESIGN.md as stated below, not from a list of cases.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { CHANGE_KINDS } from '../../src/model/changes.js';
import { memberWithKey, STRIPE, startServer, type TestServer } from '../helpers/server.js';
import { tmpDir } from '../helpers/tmp.js';

type Caller = 'owner' | 'admin' | 'member' | 'workspace-key';
type Role = 'owner' | 'admin' | 'member' | 'guest';

/** One change and the facts the rules speak about. */
interface Case {
  change: Change;
  /** The role of the person the change is about (a member, or a personal key's owner), if any. */
  about?: Role;
  /** The role the change gives someone (an invitation, a role change), if any. */
  gives?: Role;
}

/**
 * DESIGN.md, section 1, restated: only the personal keys of owners and admins manage a workspace
 * (workspace keys do not, and members' only create pipes and manage the people of pipes they
 * administer); owners may do everything; the workspace's own
 * settings (name, billing plan) are the owners', and so is disconnecting an integration
 * (everyone's grants on it go with it); only an owner grants or takes away owner or admin; and only
 * an owner changes what an owner or admin holds (their name, membership, grants, pipes, or a
 * personal key, which carries its owner's access), or makes roster manage it (adoption).
 */
function allowed(caller: Caller, c: Case): boolean {
  if (caller === 'workspace-key') return false;
  // A member may create a pipe (they become its admin); the fixture's member is admin
  // of no pipe, so that is all they may do.
  if (caller === 'member') return c.change.kind === 'pipe.create';
  if (caller === 'owner') return true;
  const privileged = (role?: Role) => role === 'owner' || role === 'admin';
  if (c.change.kind === 'workspace.update' || c.change.kind === 'integration.disconnect') return false;
  return !privileged(c.about) && !privileged(c.gives);
}

const ROLES: Role[] = ['owner', 'admin', 'member', 'guest'];
const WITH_ACCESS: Role[] = ['owner', 'admin', 'member']; // guests hold no grants, pipes or keys
const BOT_SCOPE = [{ integration: 'stripe', profile: 'read-only' as const, disabledTools: [] }];

/** The targets: p-<role> people with nothing, t-<role> people with a grant, a pipe and a key. */
const FIXTURE: Change[] = [
  STRIPE,
  { kind: 'integration.connect', id: 'crm', tools: { search: 'read' } },
  { kind: 'pipe.create', id: 'hiring' },
  ...memberWithKey('admin@x.io', 'admin'),
  ...memberWithKey('member@x.io', 'member'),
  { kind: 'key.create', name: 'bot', type: 'workspace', scope: BOT_SCOPE, users: [] },
  { kind: 'key.create', name: 't-bot', type: 'workspace', scope: BOT_SCOPE, users: [] },
  ...ROLES.map((role): Change => ({ kind: 'member.invite', email: `p-${role}@x.io`, role })),
  ...WITH_ACCESS.flatMap((role): Change[] => [
    ...memberWithKey(`t-${role}@x.io`, role),
    { kind: 'grant.set', email: `t-${role}@x.io`, integration: 'stripe', profile: 'read-only', disabledTools: [] },
    { kind: 'pipe_member.set', pipe: 'hiring', email: `t-${role}@x.io`, level: 'member' },
  ]),
  // Rotations half done, so that retiring their previous secret is a change like any other.
  { kind: 'key.rotate', name: 't-bot', stage: true },
  ...WITH_ACCESS.map((role): Change => ({ kind: 'key.rotate', name: `t-${role}-key`, stage: true })),
];

function cases(): Case[] {
  const list: Case[] = [
    { change: { kind: 'workspace.update', name: 'renamed' } },
    { change: { kind: 'integration.connect', id: 'hubspot', tools: { find_contact: 'read' } } },
    { change: { ...STRIPE, kind: 'integration.update', name: 'Stripe' } as Change },
    { change: { kind: 'pipe.create', id: 'sales' } },
    { change: { kind: 'pipe.update', id: 'hiring', name: 'Hiring' } },
    { change: { kind: 'key.create', name: 'new-bot', type: 'workspace', scope: BOT_SCOPE, users: [] } },
    { change: { kind: 'key.update', name: 't-bot', scope: BOT_SCOPE, users: ['p-member@x.io'] } },
    { change: { kind: 'key.rotate', name: 't-bot' } },
    { change: { kind: 'key.rotate', name: 't-bot', stage: true } },
    { change: { kind: 'key.retire_previous', name: 't-bot' } },
    { change: { kind: 'key.revoke', name: 't-bot' } },
    { change: { kind: 'key.adopt', name: 't-bot' } },
    { change: { kind: 'integration.disconnect', id: 'crm' } },
    { change: { kind: 'integration.adopt', id: 'stripe' } },
    { change: { kind: 'pipe.adopt', id: 'hiring' } },
  ];
  for (const role of ROLES) {
    const plain = `p-${role}@x.io`;
    list.push({ change: { kind: 'member.invite', email: `new-${role}@x.io`, role }, gives: role });
    list.push({ change: { kind: 'member.update', email: plain, name: 'Renamed' }, about: role });
    for (const other of ROLES.filter((r) => r !== role)) {
      list.push({ change: { kind: 'member.update', email: plain, role: other }, about: role, gives: other });
    }
    list.push({ change: { kind: 'member.remove', email: plain }, about: role });
    list.push({ change: { kind: 'member.adopt', email: plain }, about: role });
  }
  for (const role of WITH_ACCESS) {
    const email = `t-${role}@x.io`;
    const key = `t-${role}-key`;
    const about = role;
    list.push(
      {
        change: { kind: 'grant.set', email, integration: 'stripe', profile: 'no-delete', disabledTools: [] },
        about,
      },
      { change: { kind: 'grant.remove', email, integration: 'stripe' }, about },
      { change: { kind: 'pipe_member.set', pipe: 'hiring', email, level: 'admin' }, about },
      { change: { kind: 'pipe_member.remove', pipe: 'hiring', email }, about },
      {
        change: { kind: 'key.create', name: 'new-key', type: 'personal', owner: email, scope: [], users: [] },
        about,
      },
      { change: { kind: 'key.update', name: key, scope: [], users: [], expires: '2099-01-01' }, about },
      { change: { kind: 'key.rotate', name: key }, about },
      { change: { kind: 'key.rotate', name: key, stage: true }, about },
      { change: { kind: 'key.retire_previous', name: key }, about },
      { change: { kind: 'key.revoke', name: key }, about },
      { change: { kind: 'key.adopt', name: key }, about },
      { change: { kind: 'grant.adopt', email, integration: 'stripe' }, about },
      { change: { kind: 'pipe_member.adopt', pipe: 'hiring', email }, about },
      // A replaced key is about its old owner and its new one.
      { change: { kind: 'key.replace', name: key, type: 'workspace', scope: BOT_SCOPE, users: [] }, about },
      {
        change: { kind: 'key.replace', name: 't-bot', type: 'personal', owner: email, scope: [], users: [] },
        about,
      },
    );
  }
  return list;
}

let server: TestServer;
let callerKeys: Record<Caller, string>;
let reset: () => void;

beforeAll(async () => {
  server = await startServer({ rateLimit: { perSecond: 10_000, burst: 10_000 } });
  const secrets = await server.seed(FIXTURE);
  callerKeys = {
    owner: server.ownerKey,
    admin: secrets['admin-key']!,
    member: secrets['member-key']!,
    'workspace-key': secrets.bot!,
  };
  // Every caller has accepted their invitation before the database is copied aside.
  for (const key of Object.values(callerKeys)) await server.call(key, 'GET', '/v1/whoami');
  reset = resetter(server.dbPath);
});

/**
 * Copies the seeded database aside and returns a function that puts every table back as it was,
 * through a second connection to the same file, so each case starts from the same workspace.
 */
function resetter(dbPath: string): () => void {
  const base = join(tmpDir(), 'base.db');
  const db = new Database(dbPath);
  db.exec(`VACUUM INTO '${base}'`);
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = OFF'); // a test fixture: no need to wait for the disk
  db.exec(`ATTACH '${base}' AS base`);
  const tables = (db.prepare(`SELECT name FROM base.sqlite_master WHERE type = 'table'`).all() as { name: string }[])
    .map((row) => row.name)
    .filter((name) => name !== 'sqlite_stat1');
  return db.transaction(() => {
    for (const table of tables) {
      db.exec(`DELETE FROM main."${table}"; INSERT INTO main."${table}" SELECT * FROM base."${table}"`);
    }
  });
}

describe('the role rule holds for every change kind, caller and target', () => {
  const all = cases();

  it('covers every change kind', () => {
    expect(new Set(all.map((c) => c.change.kind))).toEqual(new Set(CHANGE_KINDS));
  });

  it('answers each case as the rules say, changing nothing when it refuses', async () => {
    const base = server.store.version();
    const wrong: string[] = [];
    for (const c of all) {
      for (const caller of Object.keys(callerKeys) as Caller[]) {
        reset();
        // Sent as roster sends batches (managed), so that adoptions are changes like any other; a
        // member's batch may not say managed (422), and the role rule refuses their adoptions first.
        const body = { changes: [c.change], ...(caller === 'member' ? {} : { managed: true }) };
        const response = await server.call(callerKeys[caller], 'POST', '/v1/changes', body);
        const refused =
          response.status === 403 ||
          (response.status === 422 &&
            response.body.error.changes.every((e: { code: string }) => e.code === 'forbidden'));
        const got = response.status === 200 ? 'allowed' : refused ? 'refused' : `${response.status}`;
        const want = allowed(caller, c) ? 'allowed' : 'refused';
        if (got !== want || server.store.version() !== (got === 'allowed' ? base + 1 : base)) {
          const facts = `${c.about ? ` about ${c.about}` : ''}${c.gives ? ` gives ${c.gives}` : ''}`;
          wrong.push(
            `${caller}: ${JSON.stringify(c.change)}${facts}: want ${want}, got ${got} ${JSON.stringify(response.body)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
