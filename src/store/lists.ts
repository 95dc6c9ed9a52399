// Paged lists of one resource each, ordered by their natural key (keyset paging: stable under
// concurrent writes, cheap on large tables: a page is a range of the table's primary key, compared
// as a row value so SQLite searches the key instead of scanning).
import type { Db } from './database.js';
import { decodeCursor, invalidCursor, type Page, pageOf } from './paging.js';

/**
 * Every current grant with when it was last set and last used (either absent when unknown or
 * never). Read in the grants' key order, so a page is a range of that primary key, with one
 * grant_use lookup per row (rows of removed grants stay there and are never read).
 */
export const GRANT_USE_SQL = `SELECT g.email AS email, g.integration AS integration, g.granted_at AS grantedAt,
  u.last_used_at AS lastUsedAt
  FROM grants g LEFT JOIN grant_use u ON u.email = g.email AND u.integration = g.integration`;

const RESOURCES = {
  members: { sql: 'SELECT email, name, role, expires, managed, created_at AS createdAt FROM members', key: ['email'] },
  integrations: { sql: 'SELECT id, name, managed FROM integrations', key: ['id'] },
  pipes: { sql: 'SELECT id, name, managed FROM pipes', key: ['id'] },
  grants: {
    sql: `SELECT email, integration, profile, disabled_tools AS disabledTools, expires, managed FROM grants`,
    key: ['email', 'integration'],
  },
  'pipe-members': {
    sql: `SELECT pipe, email, level, expires, managed FROM pipe_members`,
    key: ['pipe', 'email'],
  },
  keys: {
    sql: `SELECT name, type, owner, scope, all_integrations AS allIntegrations, users, expires, managed, created_at AS createdAt, rotated_at AS rotatedAt,
          last_used_at AS lastUsedAt FROM keys`,
    key: ['name'],
  },
  /** When each grant was last used (the review's "unused for 90 days"); grants never used are absent. */
  'grant-use': { sql: GRANT_USE_SQL, key: ['email', 'integration'] },
} as const;

export type ResourceName = keyof typeof RESOURCES;
export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

const JSON_COLUMNS = new Set(['disabledTools', 'scope', 'users']);

export function listResource(db: Db, resource: ResourceName, limit: number, cursor?: string): Page<unknown> {
  const { key } = RESOURCES[resource];
  const after = decodeCursor(cursor)?.split('\0');
  // A composite key's cursor holds its parts joined by NUL, which no name or email contains.
  if (after !== undefined && after.length !== key.length) throw invalidCursor();
  const rows = db.prepare(pageSql(resource, after !== undefined)).all(...(after ?? []), limit + 1) as Record<
    string,
    unknown
  >[];
  return mapPage(pageOf(rows, limit, (row) => key.map((column) => String(row[column])).join('\0')));
}

/** One page's query: the rows after the cursor's key (its parts as parameters), then the limit. */
export function pageSql(resource: ResourceName, afterCursor: boolean): string {
  const { sql, key } = RESOURCES[resource];
  const columns = key.length === 1 ? key[0] : `(${key.join(', ')})`;
  const placeholders = key.length === 1 ? '?' : `(${key.map(() => '?').join(', ')})`;
  return `SELECT * FROM (${sql}) AS page WHERE ${afterCursor ? `${columns} > ${placeholders}` : 'TRUE'} ORDER BY ${key.join(', ')} LIMIT ?`;
}

function mapPage(page: Page<Record<string, unknown>>): Page<unknown> {
  const items = page.items.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (value === null) continue;
      if (column === 'managed') out.managed = value === 1;
      else if (column === 'allIntegrations') Object.assign(out, value === 1 ? { allIntegrations: true } : {});
      else out[column] = JSON_COLUMNS.has(column) ? JSON.parse(String(value)) : value;
    }
    return out;
  });
  return { items, ...(page.next ? { next: page.next } : {}) };
}
