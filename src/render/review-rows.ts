// What every human-readable rendering of a review shows the same way: the summary counts, one row
// per person or workspace key with their cells, and a cell's access in words.
import type { Finding, MatrixCell, Review, ReviewFacts } from '../app/review/types.js';
import { SEVERITIES } from '../app/review/types.js';

export interface SubjectRow {
  subject: string;
  subjectType: 'member' | 'key';
  /** The member's name, if the workspace has one. */
  name?: string;
  /** The member's role, or "workspace key". */
  label: string;
  cells: MatrixCell[];
  /** Set when the role alone gives every cell (owners and admins): the row says so once. */
  byRole?: string;
  findings: Finding[];
}

export function subjectRows(review: Review, facts: ReviewFacts): SubjectRow[] {
  const cells = new Map<string, MatrixCell[]>();
  for (const cell of review.matrix) {
    const key = `${cell.subjectType}\0${cell.subject}`;
    const list = cells.get(key);
    if (list) list.push(cell);
    else cells.set(key, [cell]);
  }
  const findings = new Map<string, Finding[]>();
  for (const finding of review.findings)
    findings.set(finding.subject, [...(findings.get(finding.subject) ?? []), finding]);
  const row = (subject: string, subjectType: 'member' | 'key', label: string, name?: string): SubjectRow => {
    const own = cells.get(`${subjectType}\0${subject}`) ?? [];
    const roleSource = own[0]?.sources[0];
    const byRole =
      roleSource?.startsWith('role ') && own.every((c) => c.sources.length === 1 && c.sources[0] === roleSource)
        ? roleSource
        : undefined;
    return {
      subject,
      subjectType,
      ...(name ? { name } : {}),
      label,
      cells: own,
      ...(byRole ? { byRole } : {}),
      findings: findings.get(subject) ?? [],
    };
  };
  return [
    ...facts.members.map((m) => row(m.email, 'member', m.role, m.name)),
    ...facts.keys.filter((k) => k.type === 'workspace').map((k) => row(k.name, 'key', 'workspace key')),
  ];
}

export function summaryCounts(review: Review, facts: ReviewFacts): { label: string; value: number }[] {
  const bySeverity = (severity: string) => review.findings.filter((f) => f.severity === severity).length;
  return [
    { label: 'members', value: facts.members.length },
    { label: 'workspace keys', value: facts.keys.filter((k) => k.type === 'workspace').length },
    { label: 'integrations', value: facts.integrations.length },
    { label: 'pipes', value: facts.pipes.length },
    { label: 'matrix cells', value: review.matrix.length },
    ...SEVERITIES.map((severity) => ({ label: `${severity} findings`, value: bySeverity(severity) })),
  ];
}

/** "full", "no-delete without create_refund, delete_customer". */
export function accessText(cell: MatrixCell): string {
  return cell.disabledTools.length ? `${cell.access} without ${cell.disabledTools.join(', ')}` : cell.access;
}

/** "stripe" from "integration:stripe". */
export function resourceId(resource: string): string {
  return resource.slice(resource.indexOf(':') + 1);
}

/** What a role-only row says instead of every cell. */
export function byRoleText(row: SubjectRow, facts: ReviewFacts): string {
  return `every integration (${facts.integrations.length}, full) and every pipe (${facts.pipes.length}, admin), by ${row.byRole}`;
}
