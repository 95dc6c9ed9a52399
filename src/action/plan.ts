// `command: plan`: validate (annotations), plan against the workspace through the same use case as
// `roster plan`, write the plan JSON for a later step, and show the plan in the log and the job
// summary. Returns the pieces a pull request comment is made of.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { preparePlan } from '../app/prepare-plan.js';
import type { Diagnostic } from '../config/diagnostic.js';
import type { Plan } from '../plan/types.js';
import { serializePlan } from '../render/plan-json.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { summaryLine } from '../render/plan-sections.js';
import { renderPlanText } from '../render/plan-text.js';
import { actionIo } from './base.js';
import type { GithubContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import type { ActionReporter } from './reporter.js';
import { reportDiagnostics } from './validate.js';

export interface PlanOutcome {
  plan: Plan;
  /** The plan as the job summary shows it. */
  markdown: string;
  /** Where the plan JSON was written (the `plan-json` output). */
  planPath: string;
}

/** Throws AppError for an invalid config, ProviderError when the workspace cannot be read. A blocked plan is returned. */
export async function planCommand(
  reporter: ActionReporter,
  ctx: GithubContext,
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
): Promise<PlanOutcome> {
  let diagnostics: readonly Diagnostic[] = [];
  const io = actionIo(reporter, ctx, inputs, (found) => (diagnostics = found), env);
  let plan: Plan;
  try {
    const prepared = await preparePlan(io, { config: inputs.config }, { write: false });
    await prepared.provider.close();
    plan = prepared.plan;
  } finally {
    await reportDiagnostics(reporter, ctx, diagnostics);
  }

  const planPath = reportPlan(reporter, ctx, plan);
  // The job summary is where shortened comments point: it holds the whole plan.
  const markdown = renderPlanMarkdown(plan, { maxLength: Infinity });
  await reporter.summary(markdown);
  return { plan, markdown, planPath };
}

/** The plan in the log, as JSON in RUNNER_TEMP, and in the step's outputs; returns the JSON's path. */
export function reportPlan(reporter: ActionReporter, ctx: GithubContext, plan: Plan): string {
  reporter.info(renderPlanText(plan, { colour: false }).trimEnd());
  const planPath = join(ctx.runnerTemp, 'roster-plan.json');
  writeFileSync(planPath, serializePlan(plan));
  reporter.setOutput('has-changes', String(plan.changes.length > 0));
  reporter.setOutput('plan-json', planPath);
  reporter.setOutput('summary', summaryLine(plan));
  return planPath;
}
