// What the config reader refuses although some YAML parser would read it, each with a diagnostic at
// the place, and the line ends and marks that must not move a position.
import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/config/yaml-read.js';
import { rootConfig } from '../helpers/tmp.js';
import { validateFiles } from '../helpers/validate.js';

describe('the YAML reader', () => {
  it.each([
    ['a null key', 'integrations:\n  ~: {}\n', 'yaml-syntax roster.yaml:4:3', 'this mapping key is empty or null'],
    [
      'a list as a key',
      'integrations:\n  [a, b]: {}\n',
      'yaml-syntax roster.yaml:4:3',
      'a list or mapping is used as a mapping key',
    ],
    ['an unknown tag', 'integrations: !secret {}\n', 'yaml-syntax roster.yaml:3:15', 'unknown tag'],
    ['an unknown tag in a flow mapping', 'integrations: { a: !e {} }\n', 'yaml-syntax roster.yaml:3:20', 'unknown tag'],
    [
      'a tag on the line above its value',
      'policy:\n  min_owners: !!str\n    2\n',
      'yaml-syntax roster.yaml:5:5',
      'does not fit its value',
    ],
    ['a carriage return alone', 'integrations: {}\rmembers: []\n', 'yaml-syntax roster.yaml:3:17', 'YAML syntax'],
    [
      'an empty entry ending a nested list',
      'keys:\n  - - x\n    -\n  - y\n',
      'yaml-syntax roster.yaml:5:5',
      'an empty list entry',
    ],
    [
      'a value with two anchors (the second on the next line)',
      'integrations: &a\n  &b {}\n',
      'yaml-syntax roster.yaml:4:3',
      'at most one anchor',
    ],
    [
      'a comment glued to a quoted value',
      'members: []\nkeys: [] # k\nx: "y"# no\n',
      'yaml-syntax roster.yaml:5:7',
      'white space',
    ],
    [
      'a mapping on the line of a key, after an anchor',
      'integrations: &a b: {}\n',
      'yaml-syntax roster.yaml:3:15',
      'Nested mappings are not allowed in compact mappings',
    ],
    [
      'a flow mapping key with its colon on the next line (valid YAML js-yaml does not read)',
      'integrations: { "a"\n  : {} }\n',
      'yaml-syntax roster.yaml:4:3',
      'write each key and its `:` on one line',
    ],
    ['a second document', 'members: []\n---\nkeys: []\n', 'yaml-syntax roster.yaml:4:1', 'a config file holds one'],
  ])('refuses %s with a diagnostic at the place', (_, body, where, message) => {
    const { result, found } = validateFiles({ 'roster.yaml': rootConfig(body) });
    expect(found).toEqual([`error ${where}`]);
    expect(result.diagnostics[0]?.message).toContain(message);
  });

  it('reads a dash alone inside a block scalar or a quoted string as text', () => {
    const { result, found } = validateFiles({
      'roster.yaml': rootConfig(
        [
          'members:',
          '  - email: o@x.io',
          '    role: owner',
          '    name: >-',
          '      Ana',
          '      -',
          '  - email: p@x.io',
          '    role: owner',
          '    name: "Bea',
          '      -',
          '      "',
          '  - email: q@x.io',
          '    role: owner',
          '',
        ].join('\n'),
      ),
    });
    expect(found).toEqual([]);
    expect(result.model?.members.map((m) => (m.value as { name?: unknown }).name)).toEqual([
      'Ana -',
      'Bea - ',
      undefined,
    ]);
  });

  it("refuses a flow list or a quoted value going on at its key's indentation, where YAML finds it", () => {
    const list = validateFiles({ 'roster.yaml': rootConfig('members: [\n]\nkeys: [{ name: a,\nrole: b }]\n') });
    expect(list.found).toEqual(['error yaml-syntax roster.yaml:6:1', 'error yaml-syntax roster.yaml:6:1']);
    expect(list.result.diagnostics[0]?.message).toContain('must be sufficiently indented');
    const quoted = validateFiles({ 'roster.yaml': rootConfig('integrations:\n  a: "x\n  y"\n') });
    expect(quoted.found).toEqual(['error yaml-syntax roster.yaml:4:8', 'error yaml-syntax roster.yaml:5:3']);
    expect(quoted.result.diagnostics[0]?.message).toContain('Missing closing "quote');
  });

  it('refuses `---` glued to the first key at the dashes, and reads the key after `--- `', () => {
    const glued = validateFiles({ 'roster.yaml': `---${rootConfig()}` });
    expect(glued.found).toEqual(['error yaml-syntax roster.yaml:1:1']);
    expect(glued.result.diagnostics[0]?.message).toContain('put a space after `---` to start the document');
    const owner = rootConfig('members:\n  - { email: o@x.io, role: owner }\n');
    expect(validateFiles({ 'roster.yaml': `---\n${owner}` }).found).toEqual([]);
  });

  it('reads tabs, anchors and multi-line values where YAML allows them', () => {
    const { result, found } = validateFiles({
      'roster.yaml': rootConfig(
        [
          'members:',
          '  - &owner { email: o@x.io, role: owner, name: "Ana',
          '     \tSouza" }',
          '  - email: p@x.io',
          '    role: owner',
          '    name: >-',
          '      Bea',
          '      Souza',
          'integrations: {',
          '\t',
          '  }',
          '',
        ].join('\n'),
      ),
    });
    expect(found).toEqual([]);
    expect(result.model?.members.map((m) => (m.value as { name?: unknown }).name)).toEqual(['Ana Souza', 'Bea Souza']);
  });

  it('refuses a %YAML directive other than 1.2 at the directive, and reads 1.2', () => {
    // Under 1.1 the yaml package would read the name `yes` as true, js-yaml as text.
    const members = 'members:\n  - { email: o@x.io, role: owner, name: yes }\n';
    const body = (version: string) => `# roster\n%YAML ${version}\n---\n${rootConfig(members)}`;
    const { result, found } = validateFiles({ 'roster.yaml': body('1.1') });
    expect(found).toEqual(['error yaml-syntax roster.yaml:2:1']);
    expect(result.diagnostics[0]?.message).toContain('the directive %YAML 1.1: a config is YAML 1.2');
    expect(validateFiles({ 'roster.yaml': body('1.2') }).found).toEqual([]);
  });

  it('refuses a duplicate key in block and flow style at the second key', () => {
    expect(validateFiles({ 'roster.yaml': rootConfig('integrations: { a: {}, a: {} }\n') }).found).toEqual([
      'error duplicate-key roster.yaml:3:24',
    ]);
  });

  it('places diagnostics the same with \\r\\n line ends and a byte order mark', () => {
    const body = rootConfig('members:\n  - { email: o@x.io, role: bos }\n');
    const expected = ['error bad-value roster.yaml:4:28'];
    expect(validateFiles({ 'roster.yaml': body }).found).toEqual(expected);
    expect(validateFiles({ 'roster.yaml': body.replaceAll('\n', '\r\n') }).found).toEqual(expected);
    expect(validateFiles({ 'roster.yaml': `\uFEFF${body}` }).found).toEqual(['error bad-value roster.yaml:4:28']);
  });

  it('reads YAML 1.2 core scalars: yes and 0b1 are text, 0o17 and 1e3 are numbers', () => {
    const { result } = validateFiles({
      'roster.yaml': rootConfig(
        'members:\n  - { email: o@x.io, role: owner, name: yes }\n  - { email: p@x.io, role: owner, name: 0b1 }\n',
      ),
    });
    expect(result.model?.members.map((m) => (m.value as { name: unknown }).name)).toEqual(['yes', '0b1']);
    expect(readYaml('a: 0o17\nb: 1e3\nc: yes\nd: 0b1\n')).toMatchObject({
      data: { a: 15, b: 1000, c: 'yes', d: '0b1' },
    });
  });
});
