// Adoption (roster starts managing a row it did not create) and disconnecting an integration.
import type { Adoption } from '../model/changes.js';
import type { ScopeEntry } from '../model/state.js';
import type { Db } from './database.js';

type Problem = { code: string; message: string } | undefined;

export function adopt(db: Db, change: Adoption): Problem {
  const [table, where, values, what] = ((): [string, string, string[], string] => {
    switch (change.kind) {
      case 'member.adopt':
        return ['members', 'email = ?', [change.email], `member ${change.email}`];
      case 'integration.adopt':
        return ['integrations', 'id = ?', [change.id], `integration ${change.id}`];
      case 'pipe.adopt':
        return ['pipes', 'id = ?', [change.id], `pipe ${change.id}`];
      case 'grant.adopt':
        return [
          'grants',
          'email = ? AND integration = ?',
          [change.email, change.integration],
          `grant ${change.email} on ${change.integration}`,
        ];
      case 'pipe_member.adopt':
        return [
          'pipe_members',
          'pipe = ? AND email = ?',
          [change.pipe, change.email],
          `pipe membership ${change.email} in ${change.pipe}`,
        ];
      case 'key.adopt':
        return ['keys', 'name = ?', [change.name], `key ${change.name}`];
    }
  })();
  const updated = db.prepare(`UPDATE ${table} SET managed = 1 WHERE ${where}`).run(...values);
  return updated.changes === 0 ? { code: 'not-found', message: `${what} does not exist` } : undefined;
}

/**
 * Grants go by cascade. Keys scoped to the integration lose it from their scope; a key left with
 * no scope is refused: a workspace key needs one, and a personal key's empty scope would mean all
 * of its owner's access.
 */
export function disconnectIntegration(db: Db, id: string): Problem {
  if (!db.prepare('SELECT 1 FROM integrations WHERE id = ?').get(id))
    return { code: 'not-found', message: `integration ${id} does not exist` };
  const keys = db.prepare('SELECT id, name, type, scope FROM keys').all() as {
    id: string;
    name: string;
    type: string;
    scope: string;
  }[];
  for (const key of keys) {
    const scope = JSON.parse(key.scope) as ScopeEntry[];
    const narrowed = scope.filter((entry) => entry.integration !== id);
    if (narrowed.length === scope.length) continue;
    if (narrowed.length === 0) {
      return {
        code: 'key-left-without-scope',
        message: `${key.type} key ${key.name} is scoped only to ${id}; revoke it or give it another integration before disconnecting ${id}`,
      };
    }
    db.prepare('UPDATE keys SET scope = ? WHERE id = ?').run(JSON.stringify(narrowed), key.id);
  }
  db.prepare('DELETE FROM integrations WHERE id = ?').run(id);
  return undefined;
}
