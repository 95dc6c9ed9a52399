// A long change-by-change apply's progress on stderr: on a terminal a bar redrawn in place, else
// (a CI log) a line every few seconds; each says how many changes are applied, retrying and left.
// A short apply shows none: its change-by-change report follows in a moment.
import type { ChangeProgress } from '../apply/progress.js';
import type { Io } from './io.js';

/** Applies of fewer changes show no progress. */
export const PROGRESS_FROM_CHANGES = 50;
/** Off a terminal, the least time between two progress lines. */
export const PROGRESS_LINE_EVERY_MS = 5000;
const BAR_WIDTH = 30;

export function changeProgressDisplay(io: Io, now: () => number = Date.now): (progress: ChangeProgress) => void {
  let lastLine = now();
  let drawn = '';
  return (progress) => {
    if (progress.total < PROGRESS_FROM_CHANGES) return;
    const notApplied = progress.notApplied > 0 ? `, ${progress.notApplied} not applied` : '';
    const counts = `${progress.applied} applied, ${progress.retrying} retrying, ${progress.left} left${notApplied}`;
    if (io.isTty) {
      const done = progress.total - progress.left;
      const filled = Math.round((done / progress.total) * BAR_WIDTH);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${progress.total}: ${counts}`;
      if (bar === drawn) return;
      drawn = bar;
      // Back to the line's start, the bar, the rest of the line cleared; a newline once all settled.
      io.err(`\r  ${bar}\u001b[K${progress.left === 0 ? '\n' : ''}`);
      return;
    }
    // The summary after the apply says how it ended: the last line is the one before it.
    if (progress.left === 0 || now() - lastLine < PROGRESS_LINE_EVERY_MS) return;
    lastLine = now();
    io.err(`  ${counts} (of ${progress.total} changes)\n`);
  };
}
