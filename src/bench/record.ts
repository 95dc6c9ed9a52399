// The figures of the previous `npm run bench`, so that each figure prints with its change and a
// regression shows. Kept in .bench/figures.json in the checkout (gitignored): figures depend on
// the machine and its load, so a run compares only with earlier runs on the same machine, never
// with a baseline measured elsewhere. Runs at another --scale are kept apart.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One row's medians: wall time, CPU time (user + system) and peak RSS. */
export interface Figures {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
}

type Recorded = Record<string, { at: string; rows: Record<string, Figures> }>;

export const FIGURES_FILE = join(import.meta.dirname, '..', '..', '.bench', 'figures.json');

export class FigureRecord {
  private readonly recorded: Recorded;
  private readonly previous: Record<string, Figures>;
  private readonly current: Record<string, Figures> = {};

  /** `run` names the kind of run compared (its scale). */
  constructor(
    private readonly file: string,
    private readonly run: string,
  ) {
    this.recorded = readRecorded(file);
    this.previous = this.recorded[run]?.rows ?? {};
  }

  /** When the figures compared with were measured, if any were. */
  get previousAt(): string | undefined {
    return this.recorded[this.run]?.at;
  }

  /** Records a row and says how it differs from the previous run's: "+12% CPU, -3% RSS", or "new". */
  change(label: string, figures: Figures): string {
    this.current[label] = figures;
    const before = this.previous[label];
    if (!before) return 'new';
    return `${percent(figures.cpuMs, before.cpuMs)} CPU, ${percent(figures.peakRssMb, before.peakRssMb)} RSS`;
  }

  /** Saves this run's figures for the next run (written whole, then renamed into place). */
  save(): void {
    this.recorded[this.run] = { at: new Date().toISOString(), rows: this.current };
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, `${JSON.stringify(this.recorded, null, 2)}\n`);
    renameSync(`${this.file}.tmp`, this.file);
  }
}

function readRecorded(file: string): Recorded {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Recorded) : {};
  } catch {
    return {}; // no earlier run (or an unreadable record): every row is new
  }
}

function percent(now: number, before: number): string {
  if (!(before > 0)) return 'n/a';
  const change = Math.round(((now - before) / before) * 100);
  return `${change >= 0 ? '+' : ''}${change}%`;
}
