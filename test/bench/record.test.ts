// The benchmark's record of the previous run: each figure prints with its change from it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { FIGURES_FILE, FigureRecord } from '../../src/bench/record.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function recordFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-record-'));
  dirs.push(dir);
  return join(dir, '.bench', 'figures.json');
}

describe('the benchmark record', () => {
  it('shows each figure as new on a first run, then its change from the previous run', () => {
    const file = recordFile();
    const first = new FigureRecord(file, 'scale 1');
    expect(first.previousAt).toBeUndefined();
    expect(first.change('plan, no changes', { ms: 1200, cpuMs: 1000, peakRssMb: 200 })).toBe('new');
    first.save();

    const second = new FigureRecord(file, 'scale 1');
    expect(second.previousAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(second.change('plan, no changes', { ms: 900, cpuMs: 1250, peakRssMb: 190 })).toBe('+25% CPU, -5% RSS');
    expect(second.change('validate', { ms: 500, cpuMs: 400, peakRssMb: 100 })).toBe('new');
  });

  it('compares a run only with runs at the same scale, and keeps the others', () => {
    const file = recordFile();
    const full = new FigureRecord(file, 'scale 1');
    full.change('validate', { ms: 600, cpuMs: 500, peakRssMb: 150 });
    full.save();
    const quick = new FigureRecord(file, 'scale 0.1');
    expect(quick.change('validate', { ms: 60, cpuMs: 50, peakRssMb: 80 })).toBe('new');
    quick.save();
    const again = new FigureRecord(file, 'scale 1');
    expect(again.change('validate', { ms: 600, cpuMs: 500, peakRssMb: 150 })).toBe('+0% CPU, +0% RSS');
  });

  it('starts afresh when the record cannot be read', () => {
    const file = recordFile();
    new FigureRecord(file, 'scale 1').save(); // makes the folder
    writeFileSync(file, 'not json');
    const record = new FigureRecord(file, 'scale 1');
    expect(record.change('validate', { ms: 1, cpuMs: 1, peakRssMb: 1 })).toBe('new');
    record.save();
    expect(JSON.parse(readFileSync(file, 'utf8'))['scale 1'].rows.validate.cpuMs).toBe(1);
  });

  it('keeps the figures where docs/benchmarks.md says, a path git ignores', () => {
    const repo = join(import.meta.dirname, '..', '..');
    expect(relative(repo, FIGURES_FILE)).toBe(join('.bench', 'figures.json'));
    // git check-ignore exits 0 when the path is ignored (and throws otherwise).
    expect(execFileSync('git', ['check-ignore', '.bench/figures.json'], { cwd: repo, encoding: 'utf8' }).trim()).toBe(
      '.bench/figures.json',
    );
  });
});
