// The fast reader must never disagree with the full YAML parser: whenever it accepts a text, the
// full parser must find no error in it and give the same data and the same positions. Checked on
// the examples, on generated documents in every style, and on thousands of random mutations of
// them (a seeded generator, so a failure reproduces).
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parsePlainYaml } from '../../src/config/plain-yaml.js';
import { offsetAt, placeNode } from '../../src/config/source-map.js';

/** Undefined when the two parsers agree (or the fast one gave up), else what differs. */
function disagreement(text: string): string | undefined {
  const fast = parsePlainYaml(text);
  if (!fast) return undefined;
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return `accepted a text the full parser rejects: ${doc.errors[0]?.message}`;
  if (!isDeepStrictEqual(fast.data, doc.toJS())) return 'different data';
  if (!isDeepStrictEqual(fast.placed, placeNode(doc.contents))) return 'different positions';
  return undefined;
}

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALARS = [
  'ana@acme.com',
  'Ana Souza',
  'read-only',
  'no-delete',
  '2027-01-31',
  '90d',
  '1',
  '007',
  '0.25',
  '1.',
  '.5',
  '-5',
  '+1',
  '1e3',
  '0x1f',
  '0o17',
  '.inf',
  '.nan',
  '~',
  'null',
  'NULL',
  'true',
  'False',
  'yes',
  'no',
  'on',
  'http://127.0.0.1:8787',
  'a#b',
  'a #b',
  'a: b',
  'a:b',
  "'quoted'",
  "'it''s'",
  '"double"',
  '"esc\\"aped"',
  '"tab\\t"',
  '&anchor x',
  '*alias',
  '!!str 1',
  '|',
  '>-',
  '[x]',
  '{}',
  '[]',
  '@at',
  '`tick`',
  '%pct',
  'x,y',
  'é ü 中',
  '__proto__',
  '',
];
/** What configs mostly hold, so that the fast path takes a good share of the documents. */
const PLAIN_SCALARS = ['ana@acme.com', 'Ana Souza', 'read-only', '2027-01-31', '1', '0.25', 'true', "'it''s'", '"x y"'];
const PLAIN_KEYS = ['email', 'name', 'role', 'stripe', 'purchase-requests', 'tool_1', 'a.b', 'k'];
const KEYS = [
  'email',
  'name',
  'role',
  'stripe',
  'purchase-requests',
  'tool_1',
  'a.b',
  '1',
  'true',
  'null',
  '__proto__',
  'x y',
  '"quoted"',
  'k',
];

/** A random document in a random mix of styles (block, flow, compact, flow on its own line). */
function generate(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const flowValue = (depth: number): string => {
    const r = next();
    if (depth > 2 || r < 0.6) return next() < 0.7 ? pick(PLAIN_SCALARS) : pick(SCALARS) || 'x';
    if (r < 0.8)
      return `{ ${Array.from({ length: 1 + Math.floor(next() * 3) }, () => `${pick(KEYS)}: ${flowValue(depth + 1)}`).join(', ')} }`;
    return `[${Array.from({ length: Math.floor(next() * 3) }, () => flowValue(depth + 1)).join(', ')}]`;
  };
  const block = (indent: number, depth: number): string[] => {
    const pad = ' '.repeat(indent);
    const lines: string[] = [];
    const keys = new Set(
      Array.from({ length: 1 + Math.floor(next() * 4) }, () => (next() < 0.9 ? pick(PLAIN_KEYS) : pick(KEYS))),
    );
    for (const key of keys) {
      const r = next();
      if (next() < 0.1) lines.push(`${pad}# a comment`);
      if (depth > 3 || r < 0.4) lines.push(`${pad}${key}: ${flowValue(depth)}${next() < 0.1 ? ' # note' : ''}`);
      else if (r < 0.6) lines.push(`${pad}${key}:`, ...block(indent + 2, depth + 1));
      else if (r < 0.7) lines.push(`${pad}${key}:`, `${pad}  ${flowValue(depth)}`);
      else {
        const seqIndent = next() < 0.5 ? indent : indent + 2;
        lines.push(`${pad}${key}:`);
        for (let i = 0; i < 1 + next() * 3; i++) {
          if (next() < 0.5) {
            lines.push(`${' '.repeat(seqIndent)}- ${flowValue(depth)}`);
          } else {
            const [first, ...rest] = block(seqIndent + 2, depth + 1);
            lines.push(`${' '.repeat(seqIndent)}- ${(first as string).trimStart()}`, ...rest);
          }
        }
      }
    }
    return lines;
  };
  return `${block(0, 0).join('\n')}\n`;
}

/** One random edit: a character inserted, deleted or replaced by one that YAML cares about. */
function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  const char = ' :-#\n{}[],"\'&*!|>\t\r~.0'[Math.floor(next() * 22)] as string;
  const r = next();
  if (r < 0.4) return text.slice(0, at) + char + text.slice(at);
  if (r < 0.7) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + char + text.slice(at + 1);
}

describe('the plain YAML reader', () => {
  it('agrees with the full parser on every example and test fixture', () => {
    const files = globSync(['examples/**/*.yaml', 'test/**/*.yaml'], { absolute: true });
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(disagreement(readFileSync(file, 'utf8')), file).toBeUndefined();
  });

  it('agrees with the full parser on generated documents and their mutations', () => {
    const next = random(20261122);
    let accepted = 0;
    let mutantsAccepted = 0;
    for (let i = 0; i < 1500; i++) {
      const text = generate(next);
      expect(disagreement(text), text).toBeUndefined();
      if (parsePlainYaml(text)) accepted++;
      let mutant = text;
      for (let j = 0; j < 3; j++) {
        mutant = mutate(mutant, next);
        expect(disagreement(mutant), JSON.stringify(mutant)).toBeUndefined();
        if (parsePlainYaml(mutant)) mutantsAccepted++;
      }
    }
    // The comparison only means something if the fast path takes a good share of both.
    expect(accepted).toBeGreaterThan(150);
    expect(mutantsAccepted).toBeGreaterThan(150);
  });

  it('reads the plain forms configs use, with positions', () => {
    const text = [
      '# yaml-language-server: $schema=x.json',
      'version: 1',
      'workspace: { name: acme, plan: business }',
      'integrations:',
      '  stripe:',
      '    tools:',
      '      { find: read, refund: write }',
      'members:',
      '- email: ana@acme.com',
      "  name: 'Ana ''A'' Souza' # owner",
      '  pipes: [hiring, "sales"]',
      'policy: { max_removals: { ratio: 0.25 } }',
      '',
    ].join('\n');
    const parsed = parsePlainYaml(text);
    expect(parsed?.data).toEqual({
      version: 1,
      workspace: { name: 'acme', plan: 'business' },
      integrations: { stripe: { tools: { find: 'read', refund: 'write' } } },
      members: [{ email: 'ana@acme.com', name: "Ana 'A' Souza", pipes: ['hiring', 'sales'] }],
      policy: { max_removals: { ratio: 0.25 } },
    });
    const placed = parsed?.placed as NonNullable<typeof parsed>['placed'];
    expect(offsetAt(placed, ['members', 0, 'name'])).toBe(text.indexOf("'Ana"));
    expect(offsetAt(placed, ['members', 0, 'pipes', 1])).toBe(text.indexOf('"sales"'));
    expect(offsetAt(placed, ['integrations', 'stripe', 'tools', 'refund'], { key: true })).toBe(text.indexOf('refund'));
    expect(offsetAt(placed, ['members', 0, 'missing'])).toBe(text.indexOf('email'));
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['an escape', 'a: "x\\ty"\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['an empty value', 'a:\nb: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['a quoted key', '"a": 1\n'],
    ['a document marker', '---\na: 1\n'],
    ['a hex number', 'a: 0x1f\n'],
  ])('leaves %s to the full parser', (_, text) => {
    expect(parsePlainYaml(text)).toBeUndefined();
  });
});
