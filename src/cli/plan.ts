// `roster plan`: what apply would do, for a terminal, a pull request, or a file to apply later.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText } from '../render/plan-text.js';
import { serializePlan } from '../render/plan-json.js';
import type { Io } from './io.js';
import { preparePlan } from './prepare-plan.js';

export interface PlanOptions {
  config: string;
  format: 'text' | 'markdown' | 'json';
  out?: string;
  detailedExitcode?: boolean;
  allowRemovals?: boolean;
}

export async function runPlan(io: Io, options: PlanOptions): Promise<number> {
  const { plan, provider } = await preparePlan(io, options);
  await provider.close();
  const json = options.format === 'json' || options.out ? serializePlan(plan) : undefined;
  if (options.format === 'json') io.out(json as string);
  else if (options.format === 'markdown') io.out(renderPlanMarkdown(plan));
  else io.out(renderPlanText(plan, { colour: io.isTty }));
  if (options.out) {
    writeFileSync(resolve(io.cwd, options.out), json as string);
    io.err(`saved the plan to ${options.out}; apply exactly this plan with: roster apply --plan ${options.out}\n`);
  }
  if (plan.blocked.length > 0) return 1;
  return options.detailedExitcode && plan.changes.length > 0 ? 2 : 0;
}
