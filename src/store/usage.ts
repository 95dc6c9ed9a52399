// What the store records of use, for the review: when members joined, when keys were last used
// (set on each authentication), and when each grant was last used (the latest minute its member's
// key was allowed a tool call on that integration, kept in grant_use by GroupCommit).
import type { Usage } from '../model/usage.js';
import type { Db } from './database.js';

/**
 * Current grants with their last allowed tool call; grants never used have no row. Read in
 * grant_use's key order, so a page is a range of its primary key (removed grants' rows stay, for
 * a grant made again, and are left out by the join).
 */
export const GRANT_USE_SQL = `SELECT u.email AS email, u.integration AS integration, u.last_used_at AS lastUsedAt
  FROM grant_use u JOIN grants g ON g.email = u.email AND g.integration = u.integration`;

export function readUsage(db: Db): Usage {
  return db.transaction(() => ({
    members: db.prepare('SELECT email, created_at AS joinedAt FROM members ORDER BY email').all() as Usage['members'],
    keys: db
      .prepare('SELECT name, last_used_at AS lastUsedAt FROM keys WHERE last_used_at IS NOT NULL ORDER BY name')
      .all() as Usage['keys'],
    grants: db.prepare(`${GRANT_USE_SQL} ORDER BY u.email, u.integration`).all() as Usage['grants'],
  }))();
}
