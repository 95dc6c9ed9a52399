// `roster audit`: who did what and when, from the workspace's audit log. Changes applied from git
// show their commit, pull request and approvers; tool decisions show the key and the reason. Text
// is a table (render/audit-table.ts); JSON is one document of every record.
import { readAuditLog } from '../app/audit-log.js';
import type { AuditRecord } from '../providers/provider.js';
import { AuditTable } from '../render/audit-table.js';
import { appIo, type Io } from './io.js';

export interface AuditCliOptions {
  config: string;
  member?: string;
  key?: string;
  since?: string;
  format: 'text' | 'json';
}

export async function runAudit(io: Io, options: AuditCliOptions): Promise<number> {
  const { format, ...query } = options;
  if (format === 'json') {
    // One document, as documented: the records are gathered, then written.
    const records: AuditRecord[] = [];
    await readAuditLog(appIo(io), query, (page) => records.push(...page));
    io.out(`${JSON.stringify({ records }, null, 2)}\n`);
    return 0;
  }
  // Text is written page by page, so a long history starts printing at once and is never held whole.
  const table = new AuditTable();
  const count = await readAuditLog(appIo(io), query, (page) => io.out(table.page(page)));
  io.out(table.end(count));
  return 0;
}
