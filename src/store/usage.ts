// What the store records of use, for the review: when members joined, when keys were last used
// (set on each authentication), and for each grant when it was last set (granted_at) and last used
// (the latest minute its member's key was allowed a tool call there, kept in grant_use by
// GroupCommit).
import type { Usage } from '../model/usage.js';
import type { Db } from './database.js';
import { listResource } from './lists.js';

export function readUsage(db: Db): Usage {
  return db.transaction(() => ({
    members: db.prepare('SELECT email, created_at AS joinedAt FROM members ORDER BY email').all() as Usage['members'],
    keys: db
      .prepare('SELECT name, last_used_at AS lastUsedAt FROM keys WHERE last_used_at IS NOT NULL ORDER BY name')
      .all() as Usage['keys'],
    // Through the list's mapping, so the local provider and GET /v1/grant-use agree (nulls left out).
    grants: listResource(db, 'grant-use', Number.MAX_SAFE_INTEGER).items as Usage['grants'],
  }))();
}
