// Rules that hold for the workspace as a whole, checked on the state a batch would leave.
// A failure is attributed to the last change about the member concerned (index -1: the batch).
import type { Change, ChangeError } from '../model/changes.js';
import { changeSubject } from '../model/changes.js';
import type { ScopeEntry } from '../model/state.js';
import { type BillingPlan, type Profile, profileRank, STARTER_MAX_ADMINS } from '../model/vocabulary.js';
import type { Db } from './database.js';

export function checkInvariants(db: Db, changes: readonly Change[]): ChangeError[] {
  const errors: ChangeError[] = [];
  const blame = (email?: string) =>
    email === undefined ? -1 : changes.findLastIndex((change) => changeSubject(change) === email);
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

  // A new, empty workspace has no owner yet: its first batch may set it up before inviting one.
  const lastOwnerChange = changes.findLastIndex((c) => c.kind === 'member.remove' || c.kind === 'member.update');
  const hasMembers = count('SELECT count(*) AS n FROM members') > 0;
  if (count(`SELECT count(*) AS n FROM members WHERE role = 'owner'`) === 0 && (hasMembers || lastOwnerChange >= 0)) {
    errors.push({ index: lastOwnerChange, code: 'last-owner', message: 'a workspace always needs at least one owner' });
  }

  const guestsWithAccess = db
    .prepare(
      `SELECT email, role FROM members m WHERE role IN ('guest', 'external-guest') AND (
         EXISTS (SELECT 1 FROM grants g WHERE g.email = m.email) OR
         EXISTS (SELECT 1 FROM pipe_members p WHERE p.email = m.email) OR
         EXISTS (SELECT 1 FROM keys k WHERE k.owner = m.email))`,
    )
    .all() as { email: string; role: string }[];
  for (const guest of guestsWithAccess) {
    errors.push({
      index: blame(guest.email),
      code: 'guest-with-access',
      message: `${guest.email} would be a ${guest.role} with pipes, integrations or keys; remove those in the same batch`,
    });
  }

  const plan = (db.prepare(`SELECT value FROM meta WHERE key = 'workspace_plan'`).get() as { value: BillingPlan })
    .value;
  if (plan === 'starter') {
    const privileged = count(`SELECT count(*) AS n FROM members WHERE role IN ('owner', 'admin')`);
    if (privileged > STARTER_MAX_ADMINS) {
      errors.push({
        index: -1,
        code: 'starter-admin-limit',
        message: `the starter plan allows at most ${STARTER_MAX_ADMINS} owners and admins; this batch leaves ${privileged}`,
      });
    }
    if (count(`SELECT count(*) AS n FROM members WHERE role IN ('guest', 'external-guest')`) > 0) {
      errors.push({ index: -1, code: 'starter-guest', message: 'the starter plan does not support guests' });
    }
    // Pipe levels exist from business up (hasPipeLevels): on starter everyone in a pipe is a member.
    const leveled = db.prepare(`SELECT pipe, email, level FROM pipe_members WHERE level <> 'member'`).all() as {
      pipe: string;
      email: string;
      level: string;
    }[];
    for (const membership of leveled) {
      errors.push({
        index: blame(membership.email),
        code: 'starter-pipe-level',
        message: `${membership.email} would be ${membership.level} of pipe ${membership.pipe}; the starter plan has no pipe levels, only member`,
      });
    }
  }

  const scopedKeys = db
    .prepare(
      `SELECT k.name, k.owner, k.scope FROM keys k JOIN members m ON m.email = k.owner
       WHERE k.type = 'personal' AND m.role = 'member' AND k.scope <> '[]'`,
    )
    .all() as { name: string; owner: string; scope: string }[];
  const grantOf = db.prepare('SELECT profile FROM grants WHERE email = ? AND integration = ?');
  for (const key of scopedKeys) {
    for (const entry of JSON.parse(key.scope) as ScopeEntry[]) {
      const grant = grantOf.get(key.owner, entry.integration) as { profile: Profile } | undefined;
      if (!grant || profileRank(grant.profile) < profileRank(entry.profile)) {
        errors.push({
          index: changes.findLastIndex((c) => 'name' in c && c.name === key.name),
          code: 'key-scope-exceeds-owner',
          message: `key ${key.name} would carry ${entry.profile} on ${entry.integration}, beyond its owner ${key.owner}'s ${grant?.profile ?? 'no access'}`,
        });
      }
    }
  }
  return errors;
}
