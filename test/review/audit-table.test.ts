// The text of `roster audit`: a header, aligned columns that widen when a later page needs more,
// times in UTC to the second, lists and maps as words, a count at the end, control characters shown.
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/model/audit-record.js';
import { AuditTable } from '../../src/render/audit-table.js';

const record = (actor: string, detail: unknown, at = '2026-11-22T10:00:03.123Z'): AuditRecord => ({
  id: 1,
  at,
  actor,
  actorRole: 'owner',
  action: 'grant.set',
  subject: 'm@x.io',
  detail,
  stateVersion: 1,
});

describe('the audit table', () => {
  it('aligns its columns, widening them for a later page, and ends with a count', () => {
    const table = new AuditTable();
    const first = table.page([record('a@x.io', { kind: 'grant.set', email: 'm@x.io', disabledTools: [] })]);
    const second = table.page([
      record(
        'a-much-longer-name@x.io',
        { tools: { find: 'read', refund: 'write' }, disabledTools: ['refund'] },
        '2026-11-22T12:30:00+02:00',
      ),
    ]);
    expect(first).toBe(
      [
        'TIME (UTC)           BY              ACTION     SUBJECT  DETAIL',
        '2026-11-22 10:00:03  a@x.io (owner)  grant.set  m@x.io   disabledTools=none',
        '',
      ].join('\n'),
    );
    expect(second).toBe(
      '2026-11-22 10:30:00  a-much-longer-name@x.io (owner)  grant.set  m@x.io   tools=find:read,refund:write disabledTools=refund\n',
    );
    expect(table.end(2)).toBe('2 records\n');
    expect(new AuditTable().end(0)).toBe('no audit records match\n');
  });

  it('shows control characters from the workspace as escapes', () => {
    const text = new AuditTable().page([record('evil\u001b[2J@x.io', { name: 'x\ry' })]);
    expect(text).toContain('evil\\x1b[2J@x.io (owner)');
    expect(text).toContain('name=x\\ry');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\r');
  });
});
