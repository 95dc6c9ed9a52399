// The schemas spell out by hand what src/model says once: the control characters a name may not
// hold (inside the name and email patterns) and the batch limit. These tests derive what each copy
// must say from src/model, so the config schema, the change schema, the API description and the
// code cannot drift apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_CHANGES } from '../../src/model/api-limits.js';
import { CONTROL_CHARACTERS } from '../../src/model/control-characters.js';
import { loadApiDescription } from '../helpers/api-responses.js';

const readSchema = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8'));
const roster = readSchema('roster.schema.json');
const changes = readSchema('changes.schema.json');
const api = loadApiDescription();

// "\u0000-\u001f..." as written in the regular expression, which is how JSON Schema patterns
// spell it too.
const CLASS = CONTROL_CHARACTERS.source.replace(/^\[(.*)\]$/, '$1');
const NAME_PATTERN = `^[^${CLASS}]+$`;
const EMAIL_PART = `[^@.\\s${CLASS}]+`;
const EMAIL_PATTERN = `^${EMAIL_PART}(?:\\.${EMAIL_PART})*@${EMAIL_PART}(?:\\.${EMAIL_PART})+$`;

/** Every `pattern` in a schema, with where it is. */
function patterns(node: unknown, at = ''): { at: string; pattern: string }[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'pattern' && typeof value === 'string' ? [{ at, pattern: value }] : patterns(value, `${at}/${key}`),
  );
}

/** A def without its description: what it accepts. */
const rules = ({ description: _, ...def }: Record<string, unknown>) => def;

describe('control characters in the schemas', () => {
  it('reads the class from src/model/control-characters.ts', () => {
    expect(CLASS).toMatch(/^\\u0000-\\u001f/);
    expect(new RegExp(NAME_PATTERN, 'u').test('Ana Lima')).toBe(true);
    expect(new RegExp(NAME_PATTERN, 'u').test('Ana\u202eLima')).toBe(false);
  });

  it('every pattern that lists them is the name or the email pattern, spelled from that class', () => {
    const copies = [
      ...patterns(roster).map((p) => ({ ...p, at: `roster.schema.json${p.at}` })),
      ...patterns(changes).map((p) => ({ ...p, at: `changes.schema.json${p.at}` })),
      ...patterns(api).map((p) => ({ ...p, at: `workspace-api.yaml${p.at}` })),
    ].filter((p) => /\\u[0-9a-f]{4}/i.test(p.pattern));
    expect(copies.map((p) => p.at).sort()).toEqual(
      [
        'changes.schema.json/$defs/name',
        'changes.schema.json/$defs/newEmail',
        'roster.schema.json/$defs/email',
        'roster.schema.json/$defs/name',
      ].sort(),
    );
    for (const { at, pattern } of copies) {
      expect([at, pattern]).toEqual([at, at.endsWith('/name') ? NAME_PATTERN : EMAIL_PATTERN]);
    }
  });

  it('the change schema names and creates emails by the rules of the config schema', () => {
    expect(rules(changes.$defs.name)).toEqual(rules(roster.$defs.name));
    expect(rules(changes.$defs.newEmail)).toEqual(rules(roster.$defs.email));
    expect(rules(changes.$defs.id)).toEqual(rules(roster.$defs.id));
    expect(rules(changes.$defs.date)).toEqual(rules(roster.$defs.date));
  });

  it("the change schema's email for an existing member accepts what the config accepts, and more", () => {
    const existing = new RegExp(changes.$defs.email.pattern, 'u');
    const created = new RegExp(changes.$defs.newEmail.pattern, 'u');
    for (const email of ['ana@acme.com', 'a.b+c@mail.acme.co.uk', 'ĺúcia@acme.com', 'x@y.z']) {
      expect([email, created.test(email), existing.test(email)]).toEqual([email, true, true]);
    }
    // And still the ones stored before the rules, so they can be updated and removed.
    for (const email of ['bob@acme.com.', 'bob@acme', '.bob@acme.com']) {
      expect([email, created.test(email), existing.test(email)]).toEqual([email, false, true]);
    }
    expect(changes.$defs.email.maxLength).toBe(changes.$defs.newEmail.maxLength);
  });
});

describe('the batch limit', () => {
  it('is the maxItems of a batch in the change schema and the number the API description states', () => {
    expect(changes.properties.changes.maxItems).toBe(MAX_BATCH_CHANGES);
    expect(api.paths['/v1/changes'].post.description.replace(/\s+/g, ' ')).toContain(
      `to ${MAX_BATCH_CHANGES.toLocaleString('en-US')} changes (413 \`too-many-changes\`)`,
    );
  });
});
