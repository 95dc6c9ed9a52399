// What package.json promises a person installing or running roster: the Node versions it declares
// are ones every dependency supports (no EBADENGINE warning on install), npm scripts that run a
// long-lived process pass signals to it, and the deep test run covers every file with deep counts.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { tmpDir } from './helpers/tmp.js';

const ROOT = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

describe('the Node versions roster declares', () => {
  it('are, in package.json and its lock, versions every installed package supports', () => {
    const declared: string = manifest.engines.node;
    expect(lock.packages[''].engines.node).toBe(declared);
    const refusing = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([path, entry]) => path !== '' && typeof entry.engines?.node === 'string')
      .filter(([, entry]) => !semver.subset(declared, entry.engines!.node!))
      .map(([path, entry]) => `${path} needs node ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it('include the Node running this test, and no version past its end of life', () => {
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
    for (const ended of ['18.20.0', '19.9.0', '20.18.0', '21.7.0', '23.11.0'])
      expect(semver.satisfies(ended, manifest.engines.node), ended).toBe(false);
  });
});

describe('npm scripts', () => {
  it('exec the process they start, so a signal to npm reaches it', () => {
    for (const name of ['start', 'bench', 'serve']) expect(manifest.scripts[name], name).toMatch(/(^|&& )exec node /);
  });

  it('npm run serve, then kill: the server stops (it is not left running)', async () => {
    const dir = tmpDir();
    const args = [
      'run',
      '--silent',
      'serve',
      '--',
      '--db',
      join(dir, 'ws.db'),
      '--bootstrap-owner',
      'o@x.io',
      '--port',
      '0',
    ];
    const npm = spawn('npm', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      npm.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const found = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
        if (found) resolve(found);
      });
      npm.once('exit', (code) => reject(new Error(`npm run serve exited ${code}`)));
    });
    const exited = new Promise((resolve) => npm.once('exit', resolve));
    npm.kill('SIGTERM');
    await exited;
    await expect(fetch(`${url}/v1/whoami`)).rejects.toThrow();
  });
});

describe('npm run test:deep', () => {
  it('runs every test file whose counts depend on the depth', () => {
    const deep: string = manifest.scripts['test:deep'];
    const files = globSync('test/**/*.test.ts', { cwd: ROOT }).filter((file) =>
      /from '[./]*helpers\/depth\.js'/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(files.length).toBeGreaterThan(5);
    const listed = deep.split(' ').filter((word) => word.startsWith('test/'));
    const missing = files.filter((file) => !listed.some((entry) => file === entry || file.startsWith(`${entry}/`)));
    expect(missing).toEqual([]);
  });
});
