// What a change-by-change apply did, change by change: the account the CLI and the action print.
import type { BatchResult } from '../model/changes.js';

export type ChangeStatus =
  /** Sent, and read back in effect. */
  | 'applied'
  /** Already in effect when read just before sending: not sent. */
  | 'held'
  /** Refused by the platform, or not in effect after the last attempt. */
  | 'not-applied'
  /** Never sent: its scope moved since the plan, a change it depends on did not land, or the run stopped. */
  | 'not-sent'
  /** Sent, and then the platform could not be read to tell whether it took effect. */
  | 'unconfirmed';

export interface ChangeOutcome {
  /** The change's index in the plan. */
  index: number;
  status: ChangeStatus;
  /** Why it was not applied, or a note (how many attempts it took). */
  reason?: string;
  /** How many times it was sent in this run. */
  attempts: number;
  /** Held because the interrupted run this one resumes sent it (counted in appliedEarlier). */
  earlier?: boolean;
}

export interface ChangeByChangeReport {
  /** One per change of the plan, in the plan's order. */
  outcomes: ChangeOutcome[];
  /** Scopes that moved since the plan was made: none of the plan was sent. */
  staleScopes: string[];
  /**
   * Requests counted against the budget: the HTTP requests of a platform that paces its own
   * (paceRequests), else one per call (fingerprints, reads back, writes).
   */
  requests: number;
  /**
   * Changes the interrupted runs of this plan put in effect (from the journal, read back now when
   * they could not confirm them): not counted as applied or as already in effect.
   */
  appliedEarlier: number;
  /** The journal kept for a re-run to resume, when not everything landed. */
  journal?: string;
}

/** applyPlan's result: a change-by-change provider's also says what happened to each change. */
export interface ApplyResult extends BatchResult {
  report?: ChangeByChangeReport;
}

export function countOutcomes(report: ChangeByChangeReport): Record<ChangeStatus, number> {
  const counts: Record<ChangeStatus, number> = { applied: 0, held: 0, 'not-applied': 0, 'not-sent': 0, unconfirmed: 0 };
  for (const outcome of report.outcomes) counts[outcome.status]++;
  return counts;
}
