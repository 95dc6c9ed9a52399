// `roster audit --member` on a long log: found through indexes (not a scan of the log), and the
// text is written page by page as it is read.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/audit.js';
import { auditQuery } from '../../src/store/audit.js';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const CONFIG = `provider: { type: local, path: state.db }
integrations:
  stripe: { tools: { find: read } }
members:
  - { email: ana@acme.com, role: owner }
  - { email: sam@acme.com, role: member, integrations: { stripe: read-only } }
`;

describe('roster audit --member on a long log', () => {
  it('reads the member through the subject and actor indexes', () => {
    const dir = tmpDir({ 'roster.yaml': rootConfig(CONFIG) });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    const db = new Database(join(dir, 'state.db'), { readonly: true });
    const { sql, params } = auditQuery({ member: 'sam@acme.com', since: '2026-01-01' }, 0);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params, 10) as { detail: string }[])
      .map((step) => step.detail)
      .join('\n');
    db.close();
    expect(plan).not.toMatch(/SCAN audit/);
    expect(plan).toMatch(/SEARCH audit USING INDEX audit_subject \(subject=\?/);
    expect(plan).toMatch(/SEARCH audit USING INDEX audit_actor \(actor=\?/);
  });

  it('prints the text of each page as it comes', async () => {
    const dir = tmpDir({ 'roster.yaml': rootConfig(CONFIG) });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    const db = new Database(join(dir, 'state.db'));
    const insert = db.prepare(
      `INSERT INTO audit (at, actor, key_name, action, subject, detail, state_version)
       VALUES ('2026-11-22T10:00:00Z', 'sam@acme.com', 'sam-key', 'tool.allowed', 'sam@acme.com', '{"integration":"stripe","tool":"find"}', 1)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 2500; i++) insert.run();
    })();
    db.close();
    const writes: string[] = [];
    const io = { out: (text: string) => writes.push(text), err: () => {}, isTty: false, env: {}, cwd: dir };
    expect(await runAudit(io, { config: 'roster.yaml', member: 'sam@acme.com', format: 'text' })).toBe(0);
    // 2,500 decisions and the member's own changes: three pages of 1,000, each written on its own,
    // then the count.
    expect(writes).toHaveLength(4);
    expect(writes.at(-1)).toMatch(/^2,?50\d records\n$/);
    expect(writes.join('').trim().split('\n').length).toBeGreaterThan(2500);
  });
});
