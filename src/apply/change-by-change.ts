// Applies a plan through a provider without atomic batches (Pipefy), one change at a time: the
// scopes the plan writes in are read again first, and the plan is refused whole if one moved;
// then each change is sent, read back, retried a bounded number of times when it did not take
// effect, and reported exactly (applied, already in effect, not applied and why). A change whose
// answer was lost is read again with backoff for a bounded time before it is sent again (an
// invite is an email to a person; a platform may show it a moment late), and the report says when
// it was sent twice. The changes of one phase run concurrently, under a budget of requests per second.
import { type Change, type ChangeContext, describeChange } from '../model/changes.js';
import type { Plan } from '../plan/types.js';
import { type ChangeByChange, ProviderError } from '../providers/provider.js';
import { ApplyError } from './apply-error.js';
import type { Journal } from './journal.js';
import { forEachLimited, RateBudget } from './pace.js';
import { type ChangeProgress, ProgressTally } from './progress.js';
import { type ApplyResult, type ChangeByChangeReport, type ChangeOutcome, countOutcomes } from './report.js';
import { applyStages, blockedBy, dependencyKeys } from './stages.js';

export interface ChangeByChangeOptions {
  /** Changes in flight at once. */
  concurrency?: number;
  /** Requests a second to the platform, reads included. */
  requestsPerSecond?: number;
  /** Times a change is sent before it is reported not applied. */
  attempts?: number;
  /** Wait before a change is sent again: this many milliseconds times the attempt number. */
  retryDelayMs?: number;
  /** After a lost answer, how long to keep reading the change back (with backoff) before sending it again. */
  settleMs?: number;
  /** Records each change started and done, for a re-run after a crash to resume. */
  journal?: Journal;
  /** Told whenever a change settles or is about to be sent again: for a progress display. */
  onProgress?: (progress: ChangeProgress) => void;
}

export const CHANGE_BY_CHANGE_DEFAULTS = {
  concurrency: 10,
  requestsPerSecond: 100,
  attempts: 3,
  retryDelayMs: 500,
  settleMs: 8000,
};

/** The first wait before reading back a change whose answer was lost; each next wait doubles. */
const SETTLE_FIRST_WAIT_MS = 250;

/** Why the run stopped sending: a read failed, so nothing more could be verified. */
class Stop {
  constructor(readonly reason: string) {}
}

export async function applyChangeByChange(
  platform: ChangeByChange,
  plan: Plan,
  context: ChangeContext,
  options: ChangeByChangeOptions = {},
): Promise<ApplyResult> {
  const settings = { ...CHANGE_BY_CHANGE_DEFAULTS, ...definedOnly(options) };
  const changes = plan.changes.map((planned) => planned.change);
  const budget = new RateBudget(settings.requestsPerSecond);
  const journal = options.journal;
  const report: ChangeByChangeReport = {
    outcomes: changes.map((_, index) => ({ index, status: 'not-sent', attempts: 0 })),
    staleScopes: [],
    requests: 0,
    appliedEarlier: journal?.landedEarlier(changes) ?? 0,
  };
  // Where the platform counts its own requests, each call is paced by what it sends.
  const perCall = !platform.paceRequests;
  platform.paceRequests?.(() => budget.take());
  const read = async <T>(call: () => Promise<T>): Promise<T> => {
    if (perCall) await budget.take();
    return call();
  };

  // Every scope before the first write: a scope read after the plan's own writes began would show
  // them (an invited company admin is an admin of every pipe) and look moved when it is not.
  const scopes = [...new Set(changes.map((change) => platform.scopeOf(change)))].sort();
  const now = new Map<string, string>();
  await forEachLimited(scopes, settings.concurrency, async (scope) => {
    now.set(scope, await read(() => platform.fingerprint(scope)));
  });
  report.staleScopes = scopes.filter((scope) => plan.scopes?.[scope] !== now.get(scope));
  report.requests = budget.granted;
  if (report.staleScopes.length > 0) {
    for (const outcome of report.outcomes) outcome.reason = 'not sent: the plan is stale';
    throw new ApplyError('stale-plan', staleMessage(report.staleScopes, plan, platform), undefined, report);
  }

  journal?.start({ digest: plan.digest, changes });
  const blocked = new Map<string, number>(); // dependency key -> the change that did not land
  const undone = new Set<number>(); // applied by an interrupted run, undone since: no resume can help
  let stop: Stop | undefined;
  let bug: unknown;

  const progress = new ProgressTally(changes.length, options.onProgress);
  const settle = (outcome: ChangeOutcome, status: ChangeOutcome['status'], reason?: string) => {
    outcome.status = status;
    if (reason) outcome.reason = reason;
    progress.settle(outcome.index, status === 'applied' || status === 'held');
  };

  /** Reads a change whose answer was lost again, with backoff, within settleMs: whether it shows. */
  const showsLate = async (change: Change): Promise<boolean> => {
    if (settings.settleMs <= 0) return false;
    const until = Date.now() + settings.settleMs;
    for (let wait = Math.min(SETTLE_FIRST_WAIT_MS, settings.settleMs); Date.now() + wait <= until; wait *= 2) {
      await delay(wait);
      if (await read(() => platform.holds(change))) return true;
    }
    return false;
  };
  const seconds = `${settings.settleMs / 1000}s`;

  const runOne = async (index: number): Promise<void> => {
    const change = changes[index]!;
    const outcome = report.outcomes[index]!;
    if (stop) return settle(outcome, 'not-sent', `not sent: ${stop.reason}`);
    const waitingOn = dependencyKeys(change)
      .map((key) => blocked.get(key))
      .find((other) => other !== undefined);
    if (waitingOn !== undefined) {
      return settle(
        outcome,
        'not-sent',
        `not sent: it depends on ${describeChange(changes[waitingOn]!)}, which was not applied`,
      );
    }
    const earlier = journal?.recorded(change);
    if (earlier === 'applied') {
      // Applied and confirmed by an interrupted run, yet planned again: someone undid it since.
      // Never sent twice (an invite is an email to a person): the next plan shows it, to review.
      undone.add(index);
      return settle(
        outcome,
        'not-applied',
        'applied before the interruption and no longer in effect: changed since by someone else; not sent twice',
      );
    }
    // The plan made just now read this change not in effect, and its scope has not moved since:
    // reading it again would cost a request to learn nothing. It is read first when an earlier run
    // may have sent it (recorded started, never confirmed): an invite is never sent twice.
    if (earlier === 'started' && (await read(() => platform.holds(change)))) {
      // Sent by the interrupted run, which was stopped before it could read it back.
      journal?.record(change, 'applied');
      report.appliedEarlier++;
      outcome.earlier = true;
      return settle(outcome, 'held', 'applied by the interrupted run: not sent again');
    }
    let why = '';
    let resentAfterLoss = false;
    for (let attempt = 1; attempt <= settings.attempts; attempt++) {
      if (attempt > 1) {
        progress.retry(index);
        await delay(settings.retryDelayMs * (attempt - 1));
      }
      journal?.record(change, 'started');
      outcome.attempts = attempt;
      let lost = false; // sent, and its answer lost: it may be in effect, or show a moment late
      try {
        if (perCall) await budget.take();
        await platform.applyChange(change, context);
        why = 'the platform answered success, but it is not in effect';
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        // Turned away before it was carried out (too many requests): safe to send again, later.
        if (error.code === 'rate-limited') {
          why = error.message;
          continue;
        }
        if (!error.outcomeUnknown) {
          journal?.record(change, 'not-applied');
          return settle(outcome, 'not-applied', `refused: ${error.message}`);
        }
        why = `${error.message}, and it is not in effect`;
        lost = true;
      }
      let holds: boolean;
      let late = false;
      try {
        holds = await read(() => platform.holds(change));
        if (!holds && lost) holds = late = await showsLate(change);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        stop ??= new Stop(`${describeChange(change)} could not be read back (${error.message})`);
        return settle(outcome, 'unconfirmed', `sent, but it could not be read back: ${error.message}`);
      }
      if (holds) {
        journal?.record(change, 'applied');
        const note = resentAfterLoss
          ? `sent ${attempt} times: an answer was lost and the change did not show within ${seconds} of it`
          : late
            ? `its answer was lost; it showed when read again: sent once`
            : attempt > 1
              ? `in effect after ${attempt} attempts`
              : undefined;
        return settle(outcome, 'applied', note);
      }
      if (lost) resentAfterLoss = true;
    }
    journal?.record(change, 'not-applied');
    return settle(outcome, 'not-applied', `not in effect after ${settings.attempts} attempts: ${why}`);
  };

  for (const stage of applyStages(changes)) {
    await forEachLimited(stage, settings.concurrency, async (index) => {
      try {
        await runOne(index);
      } catch (error) {
        // A read failed before this change was sent, or a bug: send nothing more; the journal stays.
        if (!(error instanceof ProviderError)) bug ??= error;
        stop ??= new Stop(
          error instanceof ProviderError ? `a read failed (${error.message})` : 'an unexpected error stopped the run',
        );
        const outcome = report.outcomes[index]!;
        if (outcome.status === 'not-sent') settle(outcome, 'not-sent', `not sent: ${stop.reason}`);
      }
    });
    for (const index of stage) {
      const outcome = report.outcomes[index]!;
      if (outcome.status !== 'applied' && outcome.status !== 'held') {
        for (const key of blockedBy(changes[index]!)) if (!blocked.has(key)) blocked.set(key, index);
      }
    }
  }
  report.requests = budget.granted;
  if (bug) {
    journal?.close();
    throw bug;
  }

  const counts = countOutcomes(report);
  const landed = counts.applied + counts.held;
  // The journal goes once nothing is left that a resumed run could finish.
  if (landed + undone.size === changes.length) journal?.remove();
  else journal?.close();
  if (landed === changes.length) {
    return { version: Number(plan.stateVersion) || 0, applied: counts.applied, secrets: {}, report };
  }
  if (journal && landed + undone.size < changes.length) report.journal = journal.shown;
  const result = { version: Number(plan.stateVersion) || 0, applied: counts.applied, secrets: {} };
  const code = counts.unconfirmed > 0 ? 'apply-unconfirmed' : landed > 0 ? 'apply-partial' : 'apply-refused';
  throw new ApplyError(code, incompleteMessage(plan, report), result, report);
}

function staleMessage(stale: readonly string[], plan: Plan, platform: ChangeByChange): string {
  const count = (scope: string) => plan.changes.filter((c) => platform.scopeOf(c.change) === scope).length;
  const named = stale.map((scope) => `${scope} (${count(scope)} of the plan's changes)`).join(', ');
  return `the workspace changed since this plan was made: ${named} moved. Nothing was applied: run roster plan again and review the new plan`;
}

/** One line: the CLI lists every change above it, the action's comment below it. */
function incompleteMessage(plan: Plan, report: ChangeByChangeReport): string {
  const counts = countOutcomes(report);
  const missing = report.outcomes.filter((o) => o.status !== 'applied' && o.status !== 'held');
  const first = missing[0]!;
  const inEffect = counts.held - report.outcomes.filter((o) => o.earlier).length;
  const held = inEffect > 0 ? ` (${inEffect} already in effect)` : '';
  const unconfirmed = counts.unconfirmed > 0 ? ` ${counts.unconfirmed} may or may not have taken effect.` : '';
  const resume = report.journal
    ? ` The journal ${report.journal} records what landed: applying again resumes, sending nothing twice.`
    : '';
  return `${counts.applied} of ${plan.changes.length} changes were applied${held}; ${missing.length} did not land, first ${describeChange(plan.changes[first.index]!.change)}: ${first.reason ?? first.status}.${unconfirmed} Run roster plan to see what remains.${resume}`;
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
