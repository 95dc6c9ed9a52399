// A vitest worker runs test files one after another in one process (vitest.config.ts). A file that
// replaces a module with vi.mock would miss modules other files loaded first, or reach the files
// after it: each such file must run in a process of its own, listed in ISOLATED.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { ISOLATED } from '../vitest.config.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MOCKS = /\bvi\.(?:do)?mock\(/;

describe('test isolation', () => {
  it('gives every test file that mocks a module a process of its own', () => {
    const mocking = globSync('test/**/*.test.ts', { cwd: ROOT })
      .filter((path) => MOCKS.test(readFileSync(`${ROOT}/${path}`, 'utf8')))
      .sort();
    expect(mocking).not.toEqual([]);
    expect(mocking).toEqual([...ISOLATED].sort());
  });
});
