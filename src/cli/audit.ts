// `roster audit`: who did what and when, from the workspace's audit log. Changes applied from git
// show their commit, pull request and approvers; tool decisions show the key and the reason.
import { readAuditLog } from '../app/audit-log.js';
import type { AuditRecord } from '../providers/provider.js';
import { visible } from '../render/visible.js';
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
  // Names and details come from the workspace: each line goes through visible().
  const count = await readAuditLog(appIo(io), query, (page) =>
    io.out(page.map((record) => `${visible(auditLine(record))}\n`).join('')),
  );
  if (count === 0) io.out('no audit records match\n');
  return 0;
}

/** "2026-11-22T10:00:00.000Z  ana@acme.com (owner, key ci)  member.remove  sam@acme.com  commit 1a2b3c4, PR #12, approved by bob". */
export function auditLine(record: AuditRecord): string {
  const by = [record.actorRole, record.keyName ? `key ${record.keyName}` : undefined].filter(Boolean).join(', ');
  const parts = [
    record.at,
    `${record.actor}${by ? ` (${by})` : ''}`,
    record.action,
    // Records of changes without a member or key name the change ("integration.connect email").
    record.subject?.startsWith(record.action)
      ? record.subject.slice(record.action.length).trim()
      : (record.subject ?? ''),
    detailText(record),
  ];
  const git = [
    record.commit ? `commit ${record.commit.slice(0, 12)}` : undefined,
    record.pullRequest !== undefined ? `PR #${record.pullRequest}` : undefined,
    record.approvers?.length ? `approved by ${record.approvers.join(', ')}` : undefined,
  ].filter(Boolean);
  return [...parts.filter(Boolean), ...(git.length ? [git.join(', ')] : [])].join('  ');
}

/** A tool decision: "stripe/refund: <reason>"; a change: its fields other than kind and subject. */
function detailText(record: AuditRecord): string {
  const detail = (record.detail ?? {}) as Record<string, unknown>;
  if (record.action.startsWith('tool.'))
    return `${String(detail.integration)}/${String(detail.tool)}: ${String(detail.reason)}`;
  return Object.entries(detail)
    .filter(([name, value]) => name !== 'kind' && value !== record.subject && value !== undefined)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}
