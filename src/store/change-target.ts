// The facts the one role rule (src/model/powers.ts) needs about a change, read from the store:
// the current role of the members it concerns, whether it is the actor's own key, and, for
// someone below admin, the workspace's settings and the actor's live level in the pipe.
import type { Actor, Change } from '../model/changes.js';
import { isExpired, todayUtc } from '../model/dates.js';
import { type ChangeTarget, membersConcerned } from '../model/powers.js';
import { isPrivileged, maxBy, type PipeLevel, type Role, roleRank } from '../model/vocabulary.js';
import type { Db } from './database.js';
import { readSettings } from './settings.js';

export function memberRole(db: Db, email: string): Role | undefined {
  return (db.prepare('SELECT role FROM members WHERE email = ?').get(email) as { role: Role } | undefined)?.role;
}

/** The owner of the key with this name, if it is a personal key. */
export function keyOwner(db: Db, name: string): string | undefined {
  const row = db.prepare('SELECT owner FROM keys WHERE name = ?').get(name) as { owner: string | null } | undefined;
  return row?.owner ?? undefined;
}

/**
 * What the role rule decides `change` by, for `actor` on day `now`. A replaced key is about both its
 * old and its new owner: the more privileged one counts.
 */
export function changeTarget(db: Db, change: Change, actor: Actor, now: Date): ChangeTarget {
  const emails = membersConcerned(change, (name) => keyOwner(db, name));
  const roles = emails.flatMap((email) => memberRole(db, email) ?? []);
  const ownKey =
    (change.kind === 'key.create' && change.type === 'personal' && change.owner === actor.name) ||
    (change.kind === 'key.revoke' && keyOwner(db, change.name) === actor.name);
  const target: ChangeTarget = {
    ...(roles.length ? { role: maxBy(roles, roleRank) } : {}),
    ...(ownKey ? { ownKey } : {}),
  };
  // Below admin, what the actor may do depends on the settings and their level in the pipe.
  if (isPrivileged(actor.role)) return target;
  const membership =
    'pipe' in change
      ? (db
          .prepare('SELECT level, expires FROM pipe_members WHERE pipe = ? AND email = ?')
          .get(change.pipe, actor.name) as { level: PipeLevel; expires: string | null } | undefined)
      : undefined;
  // A pipe membership past its last day gives no powers, as in /v1/authorize (pipe-facts.ts).
  const level = membership && !isExpired(membership.expires ?? undefined, todayUtc(now)) ? membership.level : undefined;
  return { ...target, settings: readSettings(db), ...(level ? { actorPipeLevel: level } : {}) };
}
