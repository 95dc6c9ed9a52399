// Every malformed input gives a diagnostic with a stable code at the right file:line:col.
import { describe, expect, it } from 'vitest';
import { rootConfig } from '../helpers/tmp.js';
import { validateFiles } from '../helpers/validate.js';

describe('bad input files', () => {
  it('reports a YAML syntax error at its position', () => {
    const { result, found } = validateFiles({ 'roster.yaml': 'version: 1\nworkspace: { name: x\n' });
    expect(result.ok).toBe(false);
    expect(found[0]).toMatch(/^error yaml-syntax roster.yaml:3:1$/);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const { found } = validateFiles({ 'roster.yaml': rootConfig('version: 1\n') });
    expect(found).toEqual(['error duplicate-key roster.yaml:3:1']);
  });

  it('reports a wrong type at the value', () => {
    const { result, found } = validateFiles({ 'roster.yaml': rootConfig('members: { a: 1 }\n') });
    expect(found).toEqual(['error wrong-type roster.yaml:3:10']);
    expect(result.diagnostics[0]?.message).toBe('members must be a list, not a mapping');
  });

  it('reports an unknown field at its key, with a suggestion', () => {
    const { result, found } = validateFiles({
      'roster.yaml': rootConfig('policy:\n  min_owner: 2\nmembers:\n  - { email: o@x.io, role: owner }\n'),
    });
    expect(found).toEqual(['error unknown-field roster.yaml:4:3']);
    expect(result.diagnostics[0]?.message).toContain('did you mean "min_owners"?');
  });

  it('reports a bad enum value with a suggestion', () => {
    const { result, found } = validateFiles({
      'roster.yaml': 'version: 1\nworkspace: { name: x, plan: starer }\nmembers:\n  - { email: o@x.io, role: owner }\n',
    });
    expect(found).toEqual(['error bad-value roster.yaml:2:29']);
    expect(result.diagnostics[0]?.message).toContain('did you mean "starter"?');
  });

  it('reports a missing required field at the object', () => {
    const { found } = validateFiles({
      'roster.yaml': 'version: 1\nworkspace: { name: x }\nmembers:\n  - { email: o@x.io, role: owner }\n',
    });
    expect(found).toEqual(['error missing-field roster.yaml:2:1']);
  });

  it('reports fields that do not apply to the provider type', () => {
    const { found } = validateFiles({
      'roster.yaml': rootConfig(
        'provider: { type: pipefy, path: x.db }\nmembers:\n  - { email: o@x.io, role: owner }\n',
      ),
    });
    expect(found).toEqual(['error missing-field roster.yaml:3:1', 'error unknown-field roster.yaml:3:27']);
  });

  it('rejects a bad email and an identifier with capitals', () => {
    const { found } = validateFiles({
      'roster.yaml': rootConfig('integrations:\n  Stripe: {}\nmembers:\n  - { email: nope, role: owner }\n'),
    });
    expect(found).toEqual(['error bad-name roster.yaml:4:3', 'error bad-value roster.yaml:6:14']);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [1,1,1,1,1,1,1,1,1,1]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
    ]) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const { found, pos } = validateFiles({ 'roster.yaml': `${lines.join('\n')}\n` });
    // The aliases of a stand for 110 values, of b for 1,110; the 8th alias of c (1,111 each) passes 10,000.
    expect(found).toEqual([`error yaml-alias-limit ${pos('*c', 'roster.yaml', 8)}`]);
  });

  it('refuses a 50 MB file without reading it into the parser', () => {
    const { result, found } = validateFiles({ 'roster.yaml': Buffer.alloc(50 * 1024 * 1024, 0x20) });
    expect(found).toEqual(['error file-too-large roster.yaml:1:1']);
    expect(result.diagnostics[0]?.message).toContain('50.0 MiB');
  });

  it('refuses a binary file', () => {
    const { found } = validateFiles({ 'roster.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]) });
    expect(found).toEqual(['error file-binary roster.yaml:1:1']);
  });

  it('reports a missing root file', () => {
    const { found } = validateFiles({}, 'missing.yaml');
    expect(found).toEqual(['error file-not-found missing.yaml:1:1']);
  });

  it('reports an include cycle at the include that closes it', () => {
    const { result, found } = validateFiles({
      'roster.yaml': rootConfig('include: [a.yaml]\nmembers: [{ email: o@x.io, role: owner }]\n'),
      'a.yaml': 'include: [b.yaml]\n',
      'b.yaml': 'include: [a.yaml]\n',
    });
    expect(found).toEqual(['error include-cycle b.yaml:1:11']);
    expect(result.diagnostics[0]?.message).toBe(
      'include cycle: a.yaml -> b.yaml -> a.yaml; remove one of these includes',
    );
  });

  it('reports a missing include at its entry, and an empty glob as a warning', () => {
    const { found } = validateFiles({
      'roster.yaml': rootConfig('include: [teams/*.yaml, gone.yaml]\nmembers: [{ email: o@x.io, role: owner }]\n'),
    });
    expect(found).toEqual(['warning include-empty roster.yaml:3:11', 'error include-missing roster.yaml:3:25']);
  });

  it('keeps root-only sections out of included files', () => {
    const { found } = validateFiles({
      'roster.yaml': rootConfig('include: [team.yaml]\nmembers: [{ email: o@x.io, role: owner }]\n'),
      'team.yaml': 'policy: { min_owners: 1 }\n',
    });
    expect(found).toEqual(['error unknown-field team.yaml:1:1']);
  });

  it('reports every problem of every file at once', () => {
    const { found } = validateFiles({
      'roster.yaml': rootConfig('include: [a.yaml, b.yaml]\nmembers: [{ email: o@x.io, role: bos }]\n'),
      'a.yaml': 'teams: { x: { members: 3 } }\n',
      'b.yaml': 'keys: [{ name: k }]\n',
    });
    expect(found).toEqual([
      'error wrong-type a.yaml:1:24',
      'error missing-field b.yaml:1:8',
      'error bad-value roster.yaml:4:34',
    ]);
  });

  it('reports the schema errors and the rule errors of a file at once, without counting what it could not read', () => {
    const { result, found, pos } = validateFiles({
      'roster.yaml': rootConfig(`integrations:
  stripe: { tools: { find: read } }
teams:
  t: { members: [sam@x.io] }
members:
  - { email: o@x.io, role: owner }
  - { email: sam@x.io, role: membr }
  - { email: m@x.io, role: member, integrations: { strip: full } }
keys:
  - { name: k, type: personal, owner: ghost@x.io, deliver: { file: k.key } }
`),
    });
    expect(result.ok).toBe(false);
    // sam@x.io's entry is reported once, for its role; team t naming them is not another error.
    expect(found).toEqual([
      `error bad-value ${pos('membr')}`,
      `error unknown-integration ${pos('strip:')}`,
      `error unknown-member ${pos('ghost@x.io')}`,
    ]);
  });

  it('never fails on a document of the wrong shapes: every problem is a diagnostic', () => {
    const owner = 'members:\n  - { email: o@x.io, role: owner }\n';
    const broken = [
      'members: {}\n',
      'members: [1, null, x, []]\n',
      `${owner}teams: { t: 3, u: { members: 5 }, v: { members: [o@x.io], integrations: 4 } }\n`,
      `${owner}integrations: []\npipes: { p: [] }\n`,
      `${owner}integrations: { s: { tools: 3 } }\nkeys: [{ name: 1 }, { name: k, type: personal, owner: 5 }, 7]\n`,
      `${owner}policy: 5\nsettings: 3\n`,
      `${owner}policy: { unmanaged: 3, max_removals: x, personal_keys: { max_per_member: -1 } }\n`,
      'members:\n  - { email: o@x.io, role: owner, integrations: 5, pipes: [1] }\n',
      `${owner}keys:\n  - { name: w, type: workspace, integrations: { s: 5 }, users: 3 }\n`,
    ];
    for (const body of broken) {
      const { result, found } = validateFiles({ 'roster.yaml': rootConfig(body) });
      expect(result.ok, body).toBe(false);
      expect(found.length, body).toBeGreaterThan(0);
    }
    const { result } = validateFiles({ 'roster.yaml': 'version: 1\nworkspace: 3\nprovider: []\nmembers: 1\n' });
    expect(result.ok).toBe(false);
  });
});
