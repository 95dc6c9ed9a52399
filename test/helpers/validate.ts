import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../../src/config/validate.js';
import { tmpDir } from './tmp.js';

export const TODAY = '2026-11-22';

/** Validates files written to a temp dir; returns the result and a compact list of findings. */
export function validateFiles(files: Record<string, string | Buffer>, root = 'roster.yaml') {
  const dir = tmpDir(files);
  const result = validateConfig(join(dir, root), { cwd: dir, today: TODAY });
  const found = result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}:${d.col}`);
  /** "file:line:col" of the nth occurrence of `needle` in a file, to compare with `found`. */
  const pos = (needle: string, file = root, nth = 1) =>
    `${file}:${locateText(readFileSync(join(dir, file), 'utf8'), needle, nth)}`;
  return { dir, result, found, pos };
}

export function locateText(text: string, needle: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurs fewer than ${nth} times`);
  }
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`;
}
