// The apply journal of a provider applied change by change: one JSON line per event, each flushed
// to disk (fsync) before the next request, so that a run killed at any moment (SIGKILL, a lost CI
// runner) leaves a record of every change it may have sent. A re-run reads it to resume: a change
// it records as applied is never sent again, and one started but never confirmed is read back
// before anything is sent. It holds change descriptions (kind, email, pipe), never secrets.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Change, describeChange } from '../model/changes.js';
import { canonicalJson } from '../plan/digest.js';

/** What an earlier run last recorded of a change. */
export type Recorded = 'started' | 'applied' | 'held' | 'not-applied';

interface Line {
  /** A run's first line: the digest of the plan it applied. */
  plan?: string;
  change?: string;
  event?: Recorded;
  what?: string;
  at: string;
}

/** The change's identity in the journal: the same change in any plan has the same id. */
export function changeId(change: Change): string {
  return createHash('sha256').update(canonicalJson(change)).digest('hex').slice(0, 16);
}

export class Journal {
  /** The plans earlier runs applied (by digest): a saved plan found here is being resumed. */
  readonly plans: ReadonlySet<string>;
  private readonly earlier: ReadonlyMap<string, Recorded>;
  private fd: number | undefined;

  /** Reads what earlier runs left at `path`, if anything; nothing is written until `start`. */
  constructor(
    readonly path: string,
    /** How messages name it (relative to where roster runs). */
    readonly shown = path,
  ) {
    const plans = new Set<string>();
    const earlier = new Map<string, Recorded>();
    if (existsSync(path)) {
      for (const text of readFileSync(path, 'utf8').split('\n')) {
        const line = parseLine(text);
        if (line?.plan) plans.add(line.plan);
        if (line?.change && line.event) earlier.set(line.change, line.event);
      }
    }
    this.plans = plans;
    this.earlier = earlier;
  }

  /** What earlier runs last recorded of this change. */
  recorded(change: Change): Recorded | undefined {
    return this.earlier.get(changeId(change));
  }

  /** How many changes earlier runs recorded as applied. */
  get appliedEarlier(): number {
    return [...this.earlier.values()].filter((event) => event === 'applied').length;
  }

  /** Opens the journal for this run (created with its folder if missing) and records the plan. */
  start(planDigest: string): void {
    if (this.fd !== undefined) return;
    const created = !existsSync(this.path);
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, 'a', 0o600);
    if (created) syncFolder(dirname(this.path));
    this.append({ plan: planDigest, at: new Date().toISOString() });
  }

  record(change: Change, event: Recorded): void {
    this.append({ change: changeId(change), event, what: describeChange(change), at: new Date().toISOString() });
  }

  /** Everything landed: nothing is left to resume. */
  remove(): void {
    this.close();
    rmSync(this.path, { force: true });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private append(line: Line): void {
    if (this.fd === undefined) throw new Error('journal not started');
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }
}

/** A line cut short by a crash, or anything not ours, is skipped. */
function parseLine(text: string): Line | undefined {
  if (!text.trim()) return undefined;
  try {
    const line = JSON.parse(text) as Line;
    return typeof line === 'object' && line !== null ? line : undefined;
  } catch {
    return undefined;
  }
}

/** The new file's name is durable too: without this a crash could lose the file itself. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse to open a folder: the file's own fsync is the best there is.
  }
}
