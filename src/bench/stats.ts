// Small statistics and a plain-text table for the benchmark's report.

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Nearest-rank percentile; `p` from 0 to 1. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 10 ? 0 : 1)} ms`;
}

interface Row {
  runs: number;
  median: string;
  range: string;
  cpu: string;
  peakRss: string;
  requests: string;
  /** The change from the previous run's figures (record.ts). */
  change: string;
}

export class Table {
  private readonly rows: [string, Row][] = [];
  private readonly latencies: [string, number[]][] = [];

  row(label: string, row: Row): void {
    this.rows.push([label, row]);
    process.stderr.write(`  measured ${label}: ${row.median}\n`);
  }

  latency(label: string, samples: number[]): void {
    this.latencies.push([label, samples]);
  }

  print(): void {
    const header = ['', 'runs', 'median', 'range', 'CPU', 'peak RSS', 'HTTP requests', 'change from previous run'];
    const body = this.rows.map(([label, r]) => [
      label,
      String(r.runs),
      r.median,
      r.range,
      r.cpu,
      r.peakRss,
      r.requests,
      r.change,
    ]);
    console.log(`\n${columns([header, ...body])}`);
  }

  printLatency(): void {
    const header = ['server latency (client side)', 'samples', 'median', 'p90', 'min'];
    const body = this.latencies.map(([label, samples]) => [
      label,
      String(samples.length),
      formatMs(median(samples)),
      formatMs(percentile(samples, 0.9)),
      formatMs(Math.min(...samples)),
    ]);
    console.log(`\n${columns([header, ...body])}`);
  }
}

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows
    .map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}
