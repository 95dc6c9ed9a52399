// `roster plan`: what apply would do, for a terminal, a pull request, or a file to apply later.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText } from '../render/plan-text.js';
import { renderPlanSummary } from '../render/plan-summary.js';
import { serializePlan } from '../render/plan-json.js';
import { preparePlan } from '../app/prepare-plan.js';
import { appIo, type Io } from './io.js';

export interface PlanOptions {
  config: string;
  baseConfig?: string;
  format: 'text' | 'markdown' | 'json';
  out?: string;
  detailedExitcode?: boolean;
  allowRemovals?: boolean;
  allowMassChanges?: boolean;
  summary?: boolean;
}

export async function runPlan(io: Io, options: PlanOptions): Promise<number> {
  const { plan, provider } = await preparePlan(appIo(io), options, { write: false });
  await provider.close();
  const shown = options.summary
    ? renderPlanSummary(plan)
    : options.format === 'json'
      ? serializePlan(plan)
      : options.format === 'markdown'
        ? renderPlanMarkdown(plan)
        : renderPlanText(plan, { colour: io.colour === true });
  io.out(shown);
  if (options.out) {
    // A plan of 100,000 changes is tens of megabytes of JSON: serialize it once.
    writeFileSync(
      resolve(io.cwd, options.out),
      options.format === 'json' && !options.summary ? shown : serializePlan(plan),
    );
    // A blocked plan is saved for review, but apply would refuse it: say so instead of how to apply.
    const codes = [...new Set(plan.blocked.map((guard) => guard.code))].join(', ');
    io.err(
      plan.blocked.length > 0
        ? `saved the plan to ${options.out}; it cannot be applied: guards block it (${codes}; see "Blocked" above)\n`
        : `saved the plan to ${options.out}; apply exactly this plan with: roster apply --plan ${options.out}\n`,
    );
  }
  if (plan.blocked.length > 0) return 1;
  return options.detailedExitcode && plan.changes.length > 0 ? 2 : 0;
}
