// What the store records of use, for the review: when members joined, when keys were last used
// (set on each authentication), and when each grant was last used (the latest tool call its
// member's key was allowed on that integration, from the audit log).
import type { Usage } from '../model/usage.js';
import type { Db } from './database.js';

/** Current grants with their last allowed tool call; grants never used have no row. */
export const GRANT_USE_SQL = `SELECT g.email AS email, g.integration AS integration, MAX(a.at) AS lastUsedAt,
  g.email || char(0) || g.integration AS k
  FROM grants g JOIN audit a
    ON a.subject = g.email AND a.action = 'tool.allowed' AND json_extract(a.detail, '$.integration') = g.integration
  GROUP BY g.email, g.integration`;

export function readUsage(db: Db): Usage {
  return db.transaction(() => ({
    members: db.prepare('SELECT email, created_at AS joinedAt FROM members ORDER BY email').all() as Usage['members'],
    keys: db
      .prepare('SELECT name, last_used_at AS lastUsedAt FROM keys WHERE last_used_at IS NOT NULL ORDER BY name')
      .all() as Usage['keys'],
    grants: db
      .prepare(`SELECT email, integration, lastUsedAt FROM (${GRANT_USE_SQL}) ORDER BY k`)
      .all() as Usage['grants'],
  }))();
}
