// `roster apply`: apply a fresh plan after confirmation, or exactly a saved plan, or nothing.
import { createInterface } from 'node:readline/promises';
import { ApplyError } from '../apply/apply-plan.js';
import type { ChangeByChangeReport } from '../apply/report.js';
import { applyConfig, deliveryFailure, readSavedPlan } from '../app/apply.js';
import { outcomeNote, reportSummary } from '../render/apply-report.js';
import { AppError } from '../app/errors.js';
import type { Plan } from '../plan/types.js';
import { displaySubject, summaryLine, symbolOf } from '../render/plan-sections.js';
import { renderPlanText } from '../render/plan-text.js';
import { visible } from '../render/visible.js';
import { plural } from '../model/plural.js';
import { changeProgressDisplay } from './change-progress.js';
import { appIo, type Io } from './io.js';

export interface ApplyOptions {
  config: string;
  baseConfig?: string;
  plan?: string;
  yes?: boolean;
  allowRemovals?: boolean;
  allowMassChanges?: boolean;
  /** Deliver secrets inside this folder instead of the folder of the config naming each file. */
  secretsDir?: string;
}

export async function runApply(io: Io, options: ApplyOptions): Promise<number> {
  const app = appIo(io);
  const saved = options.plan ? readSavedPlan(app, options.plan) : undefined;
  let planned: Plan | undefined;
  const { plan, applied } = await applyConfig(
    app,
    { ...options, saved, ...(options.plan === undefined ? {} : { savedPath: options.plan }) },
    {
      planned: (fresh) => {
        planned = fresh;
        if (!saved) io.out(renderPlanText(fresh, { colour: io.colour === true }));
      },
      beforeApply: async (fresh) => {
        if (!saved && !options.yes) await confirm(io, fresh);
        if (io.isTty) io.err(`applying ${plural(fresh.changes.length, 'change')} to ${fresh.provider}...\n`);
      },
      progress: (progress) => {
        if (io.isTty && progress.batches > 1) {
          io.err(
            `  batch ${progress.batch}/${progress.batches}: ${progress.applied} of ${progress.changes} changes applied\n`,
          );
        }
      },
      changeProgress: changeProgressDisplay(io),
      partialDelivery: (delivery) => {
        for (const line of [...delivery.delivered, ...delivery.failed]) io.err(`  ${visible(line)}\n`);
      },
    },
  ).catch((error: unknown) => {
    // Change by change, part of a plan can land: say which, change by change, before the error.
    if (error instanceof ApplyError && error.report && planned && error.code !== 'stale-plan') {
      printChanges(io, planned, error.report);
      io.out(`${reportSummary(error.report)}\n`);
    }
    throw error;
  });
  if (!applied) {
    if (saved) io.out(`${summaryLine(plan)}\n`);
    return 0;
  }
  printChanges(io, plan, applied.result.report);
  io.out(
    applied.result.report
      ? `${reportSummary(applied.result.report)}\n`
      : `Applied ${plural(applied.result.applied, 'change')}; the workspace is now at state version ${applied.result.version}.\n`,
  );
  for (const line of applied.delivery.delivered) io.out(`  ${visible(line)}\n`);
  const failure = deliveryFailure(applied.delivery);
  if (failure) throw failure;
  return 0;
}

/** One write per change made the first apply of 10,000 members spend 0.6 s in writes: they go in chunks. */
const PRINT_CHUNK_CHANGES = 1000;

function printChanges(io: Io, plan: Plan, report: ChangeByChangeReport | undefined): void {
  let chunk = '';
  plan.changes.forEach((change, index) => {
    const line = `${displaySubject(change.subject)}: ${change.summary}${outcomeNote(report?.outcomes[index])}`;
    chunk += `  ${symbolOf(change)} ${visible(line)}\n`;
    if ((index + 1) % PRINT_CHUNK_CHANGES === 0) {
      io.out(chunk);
      chunk = '';
    }
  });
  if (chunk) io.out(chunk);
}

async function confirm(io: Io, plan: Plan): Promise<void> {
  if (!io.isTty || !io.stdin) {
    throw new AppError(
      'needs-confirmation',
      'not a terminal, so there is no one to confirm: pass --yes, or save a plan with roster plan --out and apply that. Nothing was applied',
    );
  }
  const prompt = createInterface({ input: io.stdin, output: process.stderr });
  const answer = await prompt.question(
    `\nApply ${plan.changes.length === 1 ? 'this change' : `these ${plural(plan.changes.length, 'change')}`} to ${plan.provider}? Only "yes" applies: `,
  );
  prompt.close();
  if (answer.trim() !== 'yes') throw new AppError('cancelled', 'cancelled; nothing was applied');
}
