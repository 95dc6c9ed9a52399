// What a change-by-change apply did, in words, for the CLI's lines and the action's comment.
import { type ChangeByChangeReport, type ChangeOutcome, countOutcomes } from '../apply/report.js';
import { plural } from '../model/plural.js';

/** After a change's line: empty when it simply landed, else what happened to it, in brackets. */
export function outcomeNote(outcome: ChangeOutcome | undefined): string {
  if (!outcome || (outcome.status === 'applied' && !outcome.reason)) return '';
  if (outcome.status === 'held') return ` [${outcome.earlier ? outcome.reason : 'already in effect: not sent'}]`;
  return ` [${outcome.reason ?? outcome.status}]`;
}

/** "Applied 3 of 4 changes one by one; 1 already in effect; 1 did not land." */
export function reportSummary(report: ChangeByChangeReport): string {
  const counts = countOutcomes(report);
  const total = report.outcomes.length;
  const parts = [`Applied ${counts.applied} of ${plural(total, 'change')} one by one`];
  const earlier = report.outcomes.filter((outcome) => outcome.earlier).length;
  if (counts.held > earlier) parts.push(`${counts.held - earlier} already in effect`);
  const missing = total - counts.applied - counts.held;
  if (missing > 0) parts.push(`${missing} did not land`);
  if (report.appliedEarlier > 0) parts.push(`${report.appliedEarlier} more applied by an earlier run`);
  return `${parts.join('; ')}.`;
}
