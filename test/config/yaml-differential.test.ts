// Config files are read by js-yaml (fast, no syntax tree) and, when it refuses one, diagnosed by the
// `yaml` package. The two must agree: on what they accept, on what an accepted text means, and on
// where each key and value sits. Checked on every example and fixture and on generated documents
// in every style, plus random edits of them (fast-check, seeded, so a failure reproduces).
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, type Node, parseDocument, visit } from 'yaml';
import { offsetAt, type Positions, refOffset } from '../../src/config/source-map.js';
import { readYaml } from '../../src/config/yaml-read.js';
import { runs, SEED } from '../helpers/depth.js';

/** Where each key and value starts, as a tree: a scalar is its offset, a collection places its children. */
type Placed =
  number | { at: number; keys: string[]; keyAt: number[]; values: Placed[] } | { at: number; items: Placed[] };

/** The tree of where readYaml puts every key and value. */
function placedTree(positions: Positions, ref = positions.root): Placed {
  if (ref < 0) return refOffset(positions, ref);
  const at = positions.nodeAt[ref] as number;
  const first = positions.nodeFirst[ref] as number;
  const entries = Array.from({ length: positions.nodeSize[ref] as number }, (_, i) => first + i);
  const values = entries.map((entry) => placedTree(positions, positions.entryValue[entry]));
  if (!positions.nodeIsMap[ref]) return { at, items: values };
  const keys = entries.map((entry) => positions.entryKey[entry] as string);
  return { at, keys, keyAt: entries.map((entry) => positions.entryKeyAt[entry] as number), values };
}

/** Where the `yaml` package puts every key and value, in the same shape. */
function placeNode(node: Node | null): Placed {
  if (isMap(node)) {
    const map = { at: node.range?.[0] ?? 0, keys: [] as string[], keyAt: [] as number[], values: [] as Placed[] };
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue; // a path cannot name a complex key
      const keyAt = pair.key.range?.[0] ?? 0;
      map.keys.push(String(pair.key.value));
      map.keyAt.push(keyAt);
      map.values.push(pair.value ? placeNode(pair.value as Node) : keyAt);
    }
    return map;
  }
  if (isSeq(node)) return { at: node.range?.[0] ?? 0, items: node.items.map((item) => placeNode(item as Node)) };
  return node?.range?.[0] ?? 0;
}

/**
 * What the reader refuses on purpose although the yaml package reads it: keys that are no name (a
 * null, a list, a mapping: each library makes a different string of it), a carriage return
 * without a line feed (a line break to js-yaml, text to yaml), control characters (not YAML) and
 * `---` glued to text on the first line (`---email: x`: js-yaml reads the key `email`, yaml `---email`).
 */
function refusedOnPurpose(text: string, root: Node | null): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  let found = /\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/.test(text) || /^---\S/.test(text);
  visit(root, {
    Pair: (_, pair) => {
      found ||= !isScalar(pair.key) || pair.key.value === null;
    },
  });
  return found;
}

/** The yaml package's reading, or what it finds wrong. */
function yamlReading(text: string): { data: unknown; placed: Placed } | { refused: string; code?: string } {
  const doc = parseDocument(text, { uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings[0]; // an unknown tag is a warning to yaml, an error to js-yaml
  if (problem) return { refused: problem.message.split('\n')[0] as string, code: problem.code };
  if (refusedOnPurpose(text, doc.contents)) return { refused: 'refused on purpose by the reader' };
  try {
    return { data: doc.toJS(), placed: placeNode(doc.contents) };
  } catch (error) {
    return { refused: (error as Error).message }; // an alias to an anchor that does not exist
  }
}

/**
 * What the yaml package reads but warns about, and js-yaml reads alike: an anchor name ending in `:`
 * (`&a: x`). Every layout that yaml refuses as an error, the reader refuses too.
 */
const READ_DESPITE_WARNING = new Set(['BAD_ALIAS']);

/**
 * Undefined when the two agree, else how they differ. `edited`: for random edits, js-yaml may
 * refuse what yaml reads (the user gets a reason in plain words, see yaml-reasons.ts), a root that
 * is not a collection is not compared, and empty list entries (`-` alone) may leave a list without
 * positions.
 */
function disagreement(text: string, edited = false): string | undefined {
  const fast = readYaml(text);
  const full = yamlReading(text);
  if ('problem' in fast) {
    if ('refused' in full || edited) return undefined;
    return `js-yaml refused (${'reason' in fast ? fast.reason : fast.problem}), yaml accepted`;
  }
  if ('refused' in full) {
    return READ_DESPITE_WARNING.has(full.code ?? '')
      ? undefined
      : `js-yaml accepted, yaml refused (${full.code}): ${full.refused}`;
  }
  // A root that is no mapping fails the schema whatever it holds; a block scalar at the root with an
  // indentation indicator (`>1`) is the one place where the two read different text.
  const rootScalar = edited && (typeof full.data !== 'object' || full.data === null);
  if (!rootScalar && !isDeepStrictEqual(fast.data, full.data)) {
    return `different data: ${JSON.stringify(fast.data)} vs ${JSON.stringify(full.data)}`;
  }
  const placed = placedTree(fast.positions);
  if (!edited && !isDeepStrictEqual(placed, full.placed)) {
    return `different positions: ${JSON.stringify(placed)} vs ${JSON.stringify(full.placed)}`;
  }
  return undefined;
}

const SCALARS = [
  'ana@acme.com',
  'Ana Souza',
  'read-only',
  '2027-01-31',
  '90d',
  '1',
  '007',
  '-0',
  '0.25',
  '1.',
  '.5',
  '-5',
  '+1',
  '1e3',
  '-2.5E-3',
  '0x1f',
  '-0x1f',
  '0o17',
  '0b101',
  '1_000',
  '.inf',
  '-.Inf',
  '.nan',
  '~',
  'null',
  'NULL',
  'true',
  'False',
  'yes',
  'on',
  'http://127.0.0.1:8787',
  'a#b',
  'a:b',
  "'quoted'",
  "'it''s'",
  '"double"',
  '"esc\\"aped"',
  '"tab\\t é \\u00e9"',
  '&anchor x',
  '!!str 1',
  '!!int "3"',
  '!custom x',
  '[x]',
  '{}',
  '[]',
  'é ü 中',
  '__proto__',
];
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
  '"q k"',
  'x y',
];

/** Lines of a literal block scalar after its first (`text`): dashes and colons that are only text there. */
const LITERAL_LINES = ['-', '  -', '- x', 'a: b', '# no comment', ''];

type Tree = string | { literal: string[] } | { map: [string, Tree][] } | { seq: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS),
    fc.record({ literal: fc.array(fc.constantFrom(...LITERAL_LINES), { maxLength: 3 }) }),
    fc.record({
      map: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('tree')), { selector: ([key]) => key, maxLength: 4 }),
    }),
    fc.record({ seq: fc.array(tie('tree'), { maxLength: 3 }) }),
  ),
})).tree;

/** A tree written in flow style: `{ a: 1, b: [x] }`. */
function flow(node: Tree): string {
  if (typeof node === 'string') return node;
  if ('literal' in node) return JSON.stringify(['text', ...node.literal, ''].join('\n'));
  if ('map' in node) return `{ ${node.map.map(([key, value]) => `${key}: ${flow(value)}`).join(', ')} }`;
  return `[${node.seq.map(flow).join(', ')}]`;
}

/**
 * A tree written in block style at `indent`, with flow style where `flowAt` says so; lines. A literal
 * block scalar is one of them, its own lines joined by \n, so that no comment line goes inside it.
 */
function block(node: Tree, indent: number, flowAt: (depth: number) => boolean, depth = 0): string[] {
  const pad = ' '.repeat(indent);
  if (typeof node !== 'string' && 'literal' in node && !flowAt(depth)) {
    return [
      ['|', 'text', ...node.literal]
        .map((line, i) => (i === 0 || line === '' ? `${pad}${line}` : `${pad}  ${line}`))
        .join('\n'),
    ];
  }
  if (
    typeof node === 'string' ||
    'literal' in node ||
    flowAt(depth) ||
    ('map' in node ? node.map : node.seq).length === 0
  ) {
    return [`${pad}${flow(node)}`];
  }
  if ('map' in node) {
    return node.map.flatMap(([key, value]) => {
      const inner = block(value, indent + 2, flowAt, depth + 1);
      const first = inner[0] as string;
      return typeof value === 'string' || 'literal' in value || !first.startsWith(`${pad}  `) || /^\s*[[{]/.test(first)
        ? [`${pad}${key}: ${first.trimStart()}`, ...inner.slice(1)]
        : [`${pad}${key}:`, ...inner];
    });
  }
  return node.seq.flatMap((item) => {
    const [first, ...rest] = block(item, indent + 2, flowAt, depth + 1);
    return [`${pad}- ${(first as string).trimStart()}`, ...rest];
  });
}

const documents = fc
  .tuple(
    fc.record({
      map: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tree), {
        selector: ([key]) => key,
        minLength: 1,
        maxLength: 5,
      }),
    }),
    fc.integer({ min: 0, max: 4 }),
    fc.boolean(),
    fc.constantFrom('\n', '\r\n'),
    // A document start marker on its own line, or glued to the first key (`---email:`), which js-yaml
    // read as the key `email`: the reader must refuse that, not drop the dashes.
    fc.constantFrom('', '---\n', '---'),
  )
  .map(([root, flowFrom, comments, lineEnd, start]) => {
    const lines = block(root, 0, (depth) => depth >= flowFrom);
    const commented = comments
      ? lines.flatMap((line, i) => (i % 3 === 1 ? [`${line} # note`, '# comment'] : [line]))
      : lines;
    return `${start}${commented.join('\n')}\n`.replaceAll('\n', lineEnd);
  });

/** Random edits: characters that YAML cares about, inserted, deleted or put in place of another. */
const edited = fc
  .tuple(
    documents,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(...' :-#\n{}[],"\'&*!|>?\t\r~.0'),
        fc.constantFrom('insert', 'delete', 'replace'),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((result, [position, char, op]) => {
      const at = position % (result.length + 1);
      if (op === 'insert') return result.slice(0, at) + char + result.slice(at);
      return result.slice(0, at) + (op === 'replace' ? char : '') + result.slice(at + 1);
    }, text),
  );

describe('js-yaml (the reader) and yaml (the diagnostics)', () => {
  it('agree on every example and test fixture', () => {
    const files = globSync(['examples/**/*.yaml', 'test/**/*.yaml'], { absolute: true });
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(disagreement(readFileSync(file, 'utf8')), file).toBeUndefined();
  });

  it('agree on what generated documents in every style accept and mean, and where each value sits', () => {
    fc.assert(
      fc.property(documents, (text) => {
        expect(disagreement(text)).toBeUndefined();
      }),
      { seed: SEED, numRuns: runs(200, 1000) },
    );
  });

  it('agree on random edits of them', () => {
    fc.assert(
      fc.property(edited, (text) => {
        expect(disagreement(text, true)).toBeUndefined();
      }),
      { seed: SEED, numRuns: runs(400, 2000) },
    );
  });

  it('agree on explicitly tagged empty scalars (the tag asks a type about an empty node)', () => {
    for (const tag of ['!!int', '!!float', '!!bool', '!!null', '!!str']) {
      for (const text of [`a: ${tag}\n`, `a: [${tag} , 1]\n`, `{ a: ${tag} }\n`]) {
        expect(disagreement(text, true), text).toBeUndefined();
      }
    }
  });

  it('reads the forms configs use, with the place of each key and value', () => {
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
    const read = readYaml(text);
    if ('problem' in read) throw new Error(read.problem);
    expect(read.data).toEqual({
      version: 1,
      workspace: { name: 'acme', plan: 'business' },
      integrations: { stripe: { tools: { find: 'read', refund: 'write' } } },
      members: [{ email: 'ana@acme.com', name: "Ana 'A' Souza", pipes: ['hiring', 'sales'] }],
      policy: { max_removals: { ratio: 0.25 } },
    });
    expect(offsetAt(read.positions, ['members', 0, 'name'])).toBe(text.indexOf("'Ana"));
    expect(offsetAt(read.positions, ['members', 0, 'pipes', 1])).toBe(text.indexOf('"sales"'));
    expect(offsetAt(read.positions, ['integrations', 'stripe', 'tools', 'refund'], { key: true })).toBe(
      text.indexOf('refund'),
    );
    expect(offsetAt(read.positions, ['members', 0, 'missing'])).toBe(text.indexOf('email'));
  });
});
