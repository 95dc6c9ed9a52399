// `roster apply`: apply a fresh plan after confirmation, or exactly a saved plan, or nothing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { ApplyError, applyPlan, assertNotBlocked, checkSavedPlan } from '../apply/apply-plan.js';
import type { BatchResult, ChangeContext } from '../model/changes.js';
import type { Plan } from '../plan/types.js';
import { parsePlan } from '../render/plan-json.js';
import { displaySubject, summaryLine, symbolOf } from '../render/plan-sections.js';
import { renderPlanText } from '../render/plan-text.js';
import { visible } from '../render/visible.js';
import { deliverSecrets } from './deliver.js';
import { CliError } from './errors.js';
import type { Io } from './io.js';
import { type Prepared, preparePlan } from './prepare-plan.js';

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
  const saved = options.plan ? readSavedPlan(io, options.plan) : undefined;
  const prepared = await preparePlan(io, options, { write: true });
  try {
    return await applyPrepared(io, options, prepared, saved);
  } finally {
    await prepared.provider.close();
  }
}

async function applyPrepared(
  io: Io,
  options: ApplyOptions,
  prepared: Prepared,
  saved: Plan | undefined,
): Promise<number> {
  const fresh = prepared.plan;
  if (saved) checkSavedPlan(saved, fresh);
  else io.out(renderPlanText(fresh, { colour: io.isTty }));
  assertNotBlocked(fresh);
  if (fresh.changes.length === 0) {
    if (saved) io.out(`${summaryLine(fresh)}\n`);
    return 0;
  }
  if (!saved && !options.yes) await confirm(io, fresh);

  const result = await applyWithProgress(io, options, prepared, fresh);
  for (const change of fresh.changes)
    io.out(`  ${symbolOf(change)} ${visible(`${displaySubject(change.subject)}: ${change.summary}`)}\n`);
  io.out(`Applied ${result.applied} change(s); the workspace is now at state version ${result.version}.\n`);
  const delivery = deliverSecrets(result.secrets, prepared.validation.desired.keys, io.cwd, secretsDir(io, options));
  for (const line of delivery.delivered) io.out(`  ${visible(line)}\n`);
  if (delivery.failed.length > 0) {
    throw new CliError(
      'delivery-failed',
      `every change was applied, but ${delivery.failed.length} secret(s) were not delivered:\n  ${delivery.failed.join('\n  ')}`,
    );
  }
  return 0;
}

/** Applies, with a progress line on a terminal; secrets of batches that landed are delivered even if a later one fails. */
async function applyWithProgress(io: Io, options: ApplyOptions, prepared: Prepared, plan: Plan): Promise<BatchResult> {
  if (io.isTty) io.err(`applying ${plan.changes.length} change(s) to ${plan.provider}...\n`);
  try {
    return await applyPlan(prepared.provider, plan, auditContext(io), (progress) => {
      if (io.isTty && progress.batches > 1) {
        io.err(
          `  batch ${progress.batch}/${progress.batches}: ${progress.applied} of ${progress.changes} changes applied\n`,
        );
      }
    });
  } catch (error) {
    if (error instanceof ApplyError && error.partial) {
      const delivery = deliverSecrets(
        error.partial.secrets,
        prepared.validation.desired.keys,
        io.cwd,
        secretsDir(io, options),
      );
      for (const line of [...delivery.delivered, ...delivery.failed]) io.err(`  ${visible(line)}\n`);
    }
    throw error;
  }
}

function readSavedPlan(io: Io, path: string): Plan {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch {
    throw new CliError('plan-not-found', `cannot read the plan file ${path}`);
  }
  const { plan, problem } = parsePlan(text);
  if (!plan) throw new CliError('bad-plan', `${path} cannot be applied: ${problem}. Nothing was applied`);
  return plan;
}

async function confirm(io: Io, plan: Plan): Promise<void> {
  if (!io.isTty || !io.stdin) {
    throw new CliError(
      'needs-confirmation',
      'not a terminal, so there is no one to confirm: pass --yes, or save a plan with roster plan --out and apply that. Nothing was applied',
    );
  }
  const prompt = createInterface({ input: io.stdin, output: process.stderr });
  const answer = await prompt.question(
    `\nApply these ${plan.changes.length} change(s) to ${plan.provider}? Only "yes" applies: `,
  );
  prompt.close();
  if (answer.trim() !== 'yes') throw new CliError('cancelled', 'cancelled; nothing was applied');
}

/** Recorded with every change in the workspace's audit log. */
function auditContext(io: Io): ChangeContext {
  const commit = io.env.ROSTER_COMMIT ?? io.env.GITHUB_SHA;
  return { source: 'roster apply', ...(commit && /^[0-9a-f]{7,64}$/.test(commit) ? { commit } : {}) };
}

function secretsDir(io: Io, options: ApplyOptions): string | undefined {
  return options.secretsDir === undefined ? undefined : resolve(io.cwd, options.secretsDir);
}
