// Rules about pipes that depend on the billing plan: the Pipefy document offers pipe permission
// levels "on Business and Enterprise plans" (and Unlimited); on starter everyone in a pipe is a
// plain member, so any other level cannot be carried out.
import { hasPipeLevels } from '../model/pipe-powers.js';
import type { SourceRef } from '../model/state.js';
import { resolvePipeGrant } from './desired.js';
import { type ConfigModel, type Declared, type RawPipeGrant, where } from './model.js';

export function checkPipeLevelsOnPlan(
  model: ConfigModel,
  error: (code: string, message: string, at: SourceRef) => void,
): void {
  const plan = model.workspace.plan;
  if (hasPipeLevels(plan)) return;
  const check = (entry: Declared<unknown>, pipes: Record<string, RawPipeGrant> | undefined) => {
    for (const [pipe, raw] of Object.entries(pipes ?? {})) {
      const { level } = resolvePipeGrant(raw);
      if (level === 'member') continue;
      error(
        'pipe-level-on-starter',
        `pipe levels exist on the business, enterprise and unlimited plans; on ${plan} everyone in a pipe is a plain member. Make ${pipe} "member" here, or change workspace.plan`,
        where(entry, 'pipes', pipe, ...(typeof raw === 'string' ? [] : ['level'])),
      );
    }
  };
  for (const team of model.teams.values()) check(team, team.value.pipes);
  for (const member of model.members) check(member, member.value.pipes);
}
