// A config file once read is plain data (its places included), so that a cache can store it and
// give it back its prototype: nothing of it lives in a closure.
import { describe, expect, it } from 'vitest';
import { ConfigFile, readConfigText } from '../../src/config/yaml-file.js';

const PIPES = Array.from({ length: 20 }, (_, i) => `  pipe${i}: { name: Pipe ${i} }`);
const TEXT = ['version: 1', 'pipes:', ...PIPES, 'members:', '  - { email: ana@acme.com, role: owner }', ''].join('\n');

describe('a config file read', () => {
  it('places values the same after a copy without its prototype is given it back', () => {
    const { file } = readConfigText(TEXT, '/w/roster.yaml', 'roster.yaml');
    if (!file) throw new Error('not read');
    // structuredClone refuses functions and drops prototypes, as a cache written to disk does.
    const copy = Object.setPrototypeOf(structuredClone({ ...file }), ConfigFile.prototype) as ConfigFile;
    for (const [path, key] of [
      [['pipes', 'pipe17', 'name'], false],
      [['pipes', 'pipe3'], true],
      [['members', 0, 'role'], false],
      [['members', 0, 'missing'], false],
    ] as const) {
      expect(copy.locate(path, { key })).toEqual(file.locate(path, { key }));
    }
    expect(copy.locate(['pipes', 'pipe17', 'name'])).toEqual({ file: 'roster.yaml', line: 20, col: 19 });
    expect(copy.locate(['members', 0, 'role'])).toEqual({ file: 'roster.yaml', line: 24, col: 34 });
  });
});
