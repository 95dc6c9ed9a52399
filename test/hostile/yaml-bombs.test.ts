// Files built to break the reader: nesting deep enough to exhaust the stack, and bytes that are
// not UTF-8. Each gets one diagnostic naming the file and the place, never "internal".
import { describe, expect, it } from 'vitest';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';
import { locateText, validateFiles } from '../helpers/validate.js';

const HEADER = rootConfig();
const deep = (open: string, close: string, depth: number) =>
  `${HEADER}members: ${open.repeat(depth)}${close.repeat(depth)}\n`;

describe('nesting depth', () => {
  it('refuses 100,000 nested [ with one diagnostic, balanced or not', () => {
    for (const text of [deep('[', ']', 100_000), deep('[', '', 100_000), deep('{a: ', '}', 100_000)]) {
      const dir = tmpDir({ 'roster.yaml': text });
      const run = roster(['validate'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain('internal');
      expect(run.stderr.split('\n')[0]).toMatch(
        /^roster\.yaml:3:\d+: error \[yaml-too-deep\] mappings and lists nest more than 64 levels deep here/,
      );
    }
  });

  it('refuses 100,000 nested block sequences', () => {
    const { found } = validateFiles({ 'roster.yaml': `${HEADER}members:\n  ${'- '.repeat(100_000)}x\n` });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^error yaml-too-deep roster\.yaml:4:\d+$/);
  });

  it('refuses one level past the limit, with a tab in the file or not', () => {
    // 65 levels: within both parsers' stacks, beyond the limit.
    const plain = deep('[', ']', 65);
    const withTab = plain.replace('workspace:', '# a tab:\t\nworkspace:');
    // The root mapping is level 1 and `members:` level 2, so the 64th `[` is the first too deep.
    const tooDeep = (text: string) => locateText(text, '['.repeat(2)).replace(/:10$/, `:${10 + 63}`);
    expect(validateFiles({ 'roster.yaml': plain }).found).toEqual([
      `error yaml-too-deep roster.yaml:${tooDeep(plain)}`,
    ]);
    expect(validateFiles({ 'roster.yaml': withTab }).found).toEqual([
      `error yaml-too-deep roster.yaml:${tooDeep(withTab)}`,
    ]);
    expect(validateFiles({ 'roster.yaml': deep('[', ']', 63) }).found).toEqual(['error wrong-type roster.yaml:3:11']);
  });
});

describe('aliases', () => {
  it('refuses a billion laughs at once, naming the file', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level++) {
      lines.push(
        `a${level}: &a${level} [${Array(10)
          .fill(`*a${level - 1}`)
          .join(', ')}]`,
      );
    }
    const started = Date.now();
    const { result, found, pos } = validateFiles({ 'roster.yaml': `${lines.join('\n')}\n` });
    // The aliases of a0 stand for 110 values, of a1 for 1,110; the 8th alias of a2 (1,111 each) passes 10,000.
    expect(found).toEqual([`error yaml-alias-limit ${pos('*a2', 'roster.yaml', 8)}`]);
    expect(result.diagnostics[0]?.message).toMatch(/^roster\.yaml expands too many aliases \(more than 10000 values/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a value that holds itself, at the alias', () => {
    const { found } = validateFiles({ 'roster.yaml': `${HEADER}members: &m [*m]\n` });
    expect(found).toEqual(['error yaml-alias-limit roster.yaml:3:14']);
  });

  it('refuses aliases that stand for more text than a config may hold, at the alias past the limit', () => {
    // 1,000 aliases of 64 KB: 64 MB once anything copies or prints the data. The 81st alias is past 5 MiB.
    const aliases = Array.from({ length: 1000 }, (_, i) => `  a${i}: *big`);
    const text = `${HEADER}x-big: &big ${'a'.repeat(64 * 1024)}\nx-copies:\n${aliases.join('\n')}\n`;
    const { result, found, pos } = validateFiles({ 'roster.yaml': text });
    expect(found).toEqual([`error yaml-alias-limit ${pos('*big', 'roster.yaml', 81)}`]);
    expect(result.diagnostics[0]?.message).toContain('or 5 MiB of text in all');
  });

  it('refuses a mapping with long keys aliased past the text limit', () => {
    const text = `${HEADER}x-big: &big { ${'k'.repeat(64 * 1024)}: 1 }\nx-copies: [${Array(100).fill('*big').join(', ')}]\n`;
    const { found, pos } = validateFiles({ 'roster.yaml': text });
    expect(found).toEqual([`error yaml-alias-limit ${pos('*big', 'roster.yaml', 81)}`]);
  });

  it('reads anchors reused within the limit', () => {
    const members = [
      '  - { email: o@x.io, role: owner }',
      '  - { email: a@x.io, role: member, integrations: &sales { stripe: full } }',
      ...Array.from({ length: 50 }, (_, i) => `  - { email: m${i}@x.io, role: member, integrations: *sales }`),
    ];
    const { result, found } = validateFiles({
      'roster.yaml': `${HEADER}integrations: { stripe: {} }\nmembers:\n${members.join('\n')}\n`,
    });
    expect(found).toEqual([]);
    expect(result.model?.members).toHaveLength(52);
  });
});

describe('text encoding', () => {
  it('refuses invalid UTF-8 at the first bad byte, naming the file', () => {
    const bytes = Buffer.concat([
      Buffer.from('version: 1\nworkspace: { name: a'),
      Buffer.from([0xff]),
      Buffer.from('b }\n'),
    ]);
    const { result, found } = validateFiles({ 'roster.yaml': bytes });
    expect(found).toEqual(['error invalid-utf8 roster.yaml:2:21']);
    expect(result.diagnostics[0]?.message).toBe('roster.yaml is not valid UTF-8 (byte 32); save it as UTF-8 text');
  });
});
