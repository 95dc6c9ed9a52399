// Paged lists of one resource each, ordered by their natural key (keyset paging: stable under
// concurrent writes, cheap on large tables).
import type { Db } from './database.js';
import { decodeCursor, type Page, pageOf } from './paging.js';
import { GRANT_USE_SQL } from './usage.js';

const RESOURCES = {
  members: { sql: 'SELECT email, name, role, expires, managed, created_at AS createdAt FROM members', key: 'email' },
  integrations: { sql: 'SELECT id, name, managed FROM integrations', key: 'id' },
  pipes: { sql: 'SELECT id, name, managed FROM pipes', key: 'id' },
  grants: {
    sql: `SELECT email, integration, profile, disabled_tools AS disabledTools, expires, managed,
          email || char(0) || integration AS k FROM grants`,
    key: `email || char(0) || integration`,
  },
  'pipe-members': {
    sql: `SELECT pipe, email, level, expires, managed, pipe || char(0) || email AS k FROM pipe_members`,
    key: `pipe || char(0) || email`,
  },
  keys: {
    sql: `SELECT name, type, owner, scope, all_integrations AS allIntegrations, users, expires, managed, created_at AS createdAt, rotated_at AS rotatedAt,
          last_used_at AS lastUsedAt FROM keys`,
    key: 'name',
  },
  /** When each grant was last used (the review's "unused for 90 days"); grants never used are absent. */
  'grant-use': { sql: GRANT_USE_SQL, key: `email || char(0) || integration` },
} as const;

export type ResourceName = keyof typeof RESOURCES;
export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

const JSON_COLUMNS = new Set(['disabledTools', 'scope', 'users']);

export function listResource(db: Db, resource: ResourceName, limit: number, cursor?: string): Page<unknown> {
  const { sql, key } = RESOURCES[resource];
  const after = decodeCursor(cursor);
  const rows = db
    .prepare(
      `SELECT * FROM (${sql}) WHERE ${after === undefined ? '1' : `${keyColumn(key)} > ?`} ORDER BY ${keyColumn(key)} LIMIT ?`,
    )
    .all(...(after === undefined ? [] : [after]), limit + 1) as Record<string, unknown>[];
  return mapPage(pageOf(rows, limit, (row) => String(row[keyColumn(key)])));
}

/** Composite keys are selected as column k. */
function keyColumn(key: string): string {
  return key.includes('||') ? 'k' : key;
}

function mapPage(page: Page<Record<string, unknown>>): Page<unknown> {
  const items = page.items.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (column === 'k' || value === null) continue;
      if (column === 'managed') out.managed = value === 1;
      else if (column === 'allIntegrations') Object.assign(out, value === 1 ? { allIntegrations: true } : {});
      else out[column] = JSON_COLUMNS.has(column) ? JSON.parse(String(value)) : value;
    }
    return out;
  });
  return { items, ...(page.next ? { next: page.next } : {}) };
}
