// The apply journal of a provider applied change by change: one JSON line per event, each flushed
// to disk (fsync) before the next request, so that a run killed at any moment (SIGKILL, a lost CI
// runner) leaves a record of every change it may have sent. A re-run of the same plan reads it to
// resume: a change it records as applied is never sent again, and one started but never confirmed
// is read back before anything is sent. It holds change descriptions (kind, email, pipe), never secrets.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Change, describeChange } from '../model/changes.js';
import { canonicalJson } from '../plan/digest.js';

/** What an earlier run last recorded of a change. */
export type Recorded = 'started' | 'applied' | 'held' | 'not-applied';

interface Line {
  /** A run's first line: the digest of the plan it applied (the resumed plan's, for a resumed run). */
  plan?: string;
  /** With `plan`: the ids of that plan's changes, so a plain apply can tell it resumes it. */
  changes?: string[];
  change?: string;
  event?: Recorded;
  what?: string;
  at: string;
}

/** One run as its lines tell it: the plan it applied and what it recorded of each change. */
interface Run {
  plan: string;
  changes: readonly string[];
  events: Map<string, Recorded>;
}

/** The change's identity in the journal: the same change in any plan has the same id. */
export function changeId(change: Change): string {
  return createHash('sha256').update(canonicalJson(change)).digest('hex').slice(0, 16);
}

/**
 * Only the run being resumed counts: a journal left by another plan (a run that did not land
 * everything, then an unrelated change to the config) must not hold back the changes of this one.
 */
export class Journal {
  private readonly runs: Run[];
  /** The runs of the plan this run resumes (after `resume`), oldest first. */
  private resumed: Run[] = [];
  private fd: number | undefined;

  /** Reads what earlier runs left at `path`, if anything; nothing is written until `start`. */
  constructor(
    readonly path: string,
    /** How messages name it (relative to where roster runs). */
    readonly shown = path,
  ) {
    const runs: Run[] = [];
    if (existsSync(path)) {
      for (const text of readFileSync(path, 'utf8').split('\n')) {
        const line = parseLine(text);
        if (typeof line?.plan === 'string') {
          runs.push({ plan: line.plan, changes: Array.isArray(line.changes) ? line.changes : [], events: new Map() });
        } else if (line?.change && line.event) runs.at(-1)?.events.set(line.change, line.event);
      }
    }
    this.runs = runs;
  }

  /**
   * Resumes the last run when it applied this saved plan (by digest) or, for a plain apply, a plan
   * holding every change the fresh plan has left; says whether it did. Without it nothing earlier counts.
   */
  resume(by: { digest: string } | { changes: readonly Change[] }): boolean {
    const last = this.runs.at(-1);
    if (!last) return false;
    const planned = new Set(last.changes);
    const resumes =
      'digest' in by ? last.plan === by.digest : by.changes.every((change) => planned.has(changeId(change)));
    if (!resumes) return false;
    // The last run and the runs before it that resumed the same plan.
    let first = this.runs.length - 1;
    while (first > 0 && this.runs[first - 1]!.plan === last.plan) first--;
    this.resumed = this.runs.slice(first);
    return true;
  }

  /** What the runs being resumed last recorded of this change. */
  recorded(change: Change): Recorded | undefined {
    const id = changeId(change);
    for (let i = this.resumed.length - 1; i >= 0; i--) {
      const event = this.resumed[i]!.events.get(id);
      if (event) return event;
    }
    return undefined;
  }

  /**
   * Changes the runs being resumed left in effect: confirmed applied, or sent and no longer in the
   * fresh plan (they landed; the run was killed before it could read them back).
   */
  landedEarlier(fresh: readonly Change[]): number {
    const left = new Set(fresh.map(changeId));
    const last = new Map<string, Recorded>();
    for (const run of this.resumed) for (const [id, event] of run.events) last.set(id, event);
    return [...last].filter(([id, event]) => event === 'applied' || (event === 'started' && !left.has(id))).length;
  }

  /**
   * Opens the journal for this run and records the plan: the resumed one's, so that a later run
   * resumes it still; otherwise this plan's, in a journal begun afresh (created with its folder).
   */
  start(plan: { digest: string; changes: readonly Change[] }): void {
    if (this.fd !== undefined) return;
    const resumed = this.resumed[0];
    const created = !existsSync(this.path);
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, resumed ? 'a' : 'w', 0o600);
    if (created) syncFolder(dirname(this.path));
    this.append({
      plan: resumed?.plan ?? plan.digest,
      changes: resumed ? [...resumed.changes] : plan.changes.map(changeId),
      at: new Date().toISOString(),
    });
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
