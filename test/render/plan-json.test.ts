// The saved plan file: what `roster plan --out` writes and `roster apply --plan` reads back.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { parsePlan, PLAN_SCHEMA_URL, serializePlan } from '../../src/render/plan-json.js';
import { PlatformDouble, planOf } from '../helpers/change-by-change-double.js';

const invite = (email: string, name: string): Change => ({ kind: 'member.invite', email, name, role: 'member' });

describe('a saved plan', () => {
  it('holds one change per line, after the indented fields, and reads back as the same plan', () => {
    const platform = new PlatformDouble({ 'o@x.io': 'owner' }, {});
    // A name with quotes and braces: it stays inside its line, escaped.
    const plan = planOf([invite('a@x.io', 'A "},{" A'), invite('b@x.io', 'B')], platform);
    const text = serializePlan(plan);
    const lines = text.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe(`  "$schema": ${JSON.stringify(PLAN_SCHEMA_URL)},`);
    const first = lines.indexOf('  "changes": [');
    expect(lines.slice(first + 1, first + 3).map((line) => JSON.parse(line.trim().replace(/,$/, '')))).toEqual(
      plan.changes,
    );
    expect(lines.slice(first + 3)).toEqual(['  ]', '}', '']);
    expect(parsePlan(text)).toEqual({ plan: { $schema: PLAN_SCHEMA_URL, ...plan } });
  });

  it('writes an empty list of changes as valid JSON', () => {
    const plan = planOf([], new PlatformDouble({ 'o@x.io': 'owner' }, {}));
    expect(serializePlan(plan)).toContain('  "changes": []\n}\n');
    expect(parsePlan(serializePlan(plan)).plan?.changes).toEqual([]);
  });
});
