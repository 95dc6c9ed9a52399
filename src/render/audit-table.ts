// `roster audit` for a person: a table with a header, aligned columns, times in UTC to the second,
// and a count at the end. Records arrive page by page and are never held whole, so the columns take
// their widths from the first page and widen when a later record needs more.
import type { AuditRecord } from '../providers/provider.js';
import { plural } from '../model/plural.js';
import { visible } from './visible.js';

const HEADER = ['TIME (UTC)', 'BY', 'ACTION', 'SUBJECT', 'DETAIL'];
const GAP = '  ';

export class AuditTable {
  private widths: number[] = HEADER.map((title) => title.length);
  private started = false;

  /** The lines of one page of records, after the header when it is the first. */
  page(records: readonly AuditRecord[]): string {
    const rows = records.map(auditRow);
    for (const row of rows) row.forEach((cell, i) => (this.widths[i] = Math.max(this.widths[i]!, cell.length)));
    const lines = rows.map((row) => this.line(row));
    if (!this.started) lines.unshift(this.line(HEADER));
    this.started = true;
    return lines.map((line) => `${line}\n`).join('');
  }

  /** The last line: how many records there were, or that none matched. */
  end(count: number): string {
    return count === 0 ? 'no audit records match\n' : `${plural(count, 'record')}\n`;
  }

  private line(cells: readonly string[]): string {
    // The last column is not padded: no trailing spaces.
    return cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(this.widths[i]!)))
      .join(GAP)
      .trimEnd();
  }
}

/** The cells of one record, each shown through visible(): names and details come from the workspace. */
export function auditRow(record: AuditRecord): string[] {
  const by = [record.actorRole, record.keyName ? `key ${record.keyName}` : undefined].filter(Boolean).join(', ');
  // Records of changes without a member or key name the change ("integration.connect email").
  const subject = record.subject?.startsWith(record.action)
    ? record.subject.slice(record.action.length).trim()
    : (record.subject ?? '');
  const git = [
    record.commit ? `commit ${record.commit.slice(0, 12)}` : undefined,
    record.pullRequest !== undefined ? `PR #${record.pullRequest}` : undefined,
    record.approvers?.length ? `approved by ${record.approvers.join(', ')}` : undefined,
  ].filter(Boolean);
  const detail = [detailText(record, subject), git.join(', ')].filter(Boolean).join('; ');
  return [utcTime(record.at), `${record.actor}${by ? ` (${by})` : ''}`, record.action, subject, detail].map(visible);
}

/** "2026-11-22 10:00:03": the record's instant in UTC, to the second. */
function utcTime(at: string): string {
  const time = new Date(at);
  return Number.isNaN(time.getTime()) ? at : time.toISOString().slice(0, 19).replace('T', ' ');
}

/** A tool decision: "stripe/refund: <reason>"; a change: its fields other than kind and subject. */
function detailText(record: AuditRecord, subject: string): string {
  const detail = (record.detail ?? {}) as Record<string, unknown>;
  if (record.action.startsWith('tool.'))
    return `${String(detail.integration)}/${String(detail.tool)}: ${String(detail.reason)}`;
  return Object.entries(detail)
    .filter(([name, value]) => name !== 'kind' && value !== record.subject && value !== subject && value !== undefined)
    .map(([name, value]) => `${name}=${valueText(value)}`)
    .join(' ');
}

/** A list as "a,b" ("none" when empty), a map as "find:read,refund:write", text as it is. */
function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(valueText).join(',');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([name, field]) => `${name}:${valueText(field)}`)
      .join(',');
  return typeof value === 'string' ? value : JSON.stringify(value);
}
