// The audit log: every change and every authorization, with who did it and, for changes applied
// from git, the commit, the pull request and its approvers. Records name people by value, so
// they outlive the members and keys they mention.
import type { AuditRecord } from '../model/audit-record.js';
import type { Actor, ChangeContext } from '../model/changes.js';
import type { Db, Statement } from './database.js';
import { decodeCursor, invalidCursor, type Page, pageOf } from './paging.js';

/** The store's audit records are the model's (src/model/audit-record.ts). */
export type AuditEntry = AuditRecord;

export interface AuditWrite {
  at: string;
  actor: Actor;
  action: string;
  subject?: string;
  detail: unknown;
  context?: ChangeContext;
  stateVersion: number;
}

/** The insert compiled once per database: the authorize path writes thousands of records a second. */
const inserts = new WeakMap<Db, Statement>();

export function writeAudit(db: Db, entry: AuditWrite): void {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO audit (at, actor, actor_role, key_name, action, subject, detail, commit_sha, pull_request, approvers, state_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    inserts.set(db, insert);
  }
  insert.run(
    entry.at,
    entry.actor.name,
    entry.actor.role,
    entry.actor.keyName ?? null,
    entry.action,
    entry.subject ?? null,
    JSON.stringify(entry.detail),
    entry.context?.commit ?? null,
    entry.context?.pullRequest ?? null,
    entry.context?.approvers ? JSON.stringify(entry.context.approvers) : null,
    entry.stateVersion,
  );
}

export interface AuditFilter {
  /** Records about this member, or done by them. */
  member?: string;
  key?: string;
  since?: string;
}

export function readAudit(db: Db, filter: AuditFilter, limit: number, cursor?: string): Page<AuditEntry> {
  const position = decodeCursor(cursor) ?? '0';
  if (!/^(0|[1-9][0-9]{0,15})$/.test(position)) throw invalidCursor();
  const { sql, params } = auditQuery(filter, Number(position));
  const rows = db.prepare(sql).all(...params, limit + 1) as AuditRow[];
  return pageOf(rows.map(toEntry), limit, (entry) => String(entry.id));
}

/**
 * One page's query (the limit is its last parameter). A member's records are found through
 * audit_subject and audit_actor (SQLite's OR over two indexes), not by reading the whole log.
 */
export function auditQuery(filter: AuditFilter, after: number): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.member) {
    where.push('(subject = ? OR actor = ?)');
    params.push(filter.member, filter.member);
  }
  if (filter.key) {
    where.push('key_name = ?');
    params.push(filter.key);
  }
  if (filter.since) {
    where.push('at >= ?');
    params.push(filter.since);
  }
  where.push('id > ?');
  params.push(after);
  return { sql: `SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`, params };
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actor_role: string | null;
  key_name: string | null;
  action: string;
  subject: string | null;
  detail: string;
  commit_sha: string | null;
  pull_request: number | null;
  approvers: string | null;
  state_version: number;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    ...(row.actor_role ? { actorRole: row.actor_role } : {}),
    ...(row.key_name ? { keyName: row.key_name } : {}),
    action: row.action,
    ...(row.subject ? { subject: row.subject } : {}),
    detail: JSON.parse(row.detail),
    ...(row.commit_sha ? { commit: row.commit_sha } : {}),
    ...(row.pull_request !== null ? { pullRequest: row.pull_request } : {}),
    ...(row.approvers ? { approvers: JSON.parse(row.approvers) } : {}),
    stateVersion: row.state_version,
  };
}
