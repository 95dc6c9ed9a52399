// Shared by plan and apply: validate the config, read the workspace, make the plan.
import { validateConfig, type ValidationResult } from '../config/validate.js';
import { todayUtc } from '../model/dates.js';
import { makePlan } from '../plan/make-plan.js';
import type { Plan } from '../plan/types.js';
import type { Provider } from '../providers/provider.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { chooseProvider } from './config-provider.js';
import { CliError } from './errors.js';
import type { Io } from './io.js';
import { openProvider } from './provider-factory.js';

export interface Prepared {
  plan: Plan;
  provider: Provider;
  validation: Required<Pick<ValidationResult, 'model' | 'desired'>>;
}

/** `write` is for apply only: a plan reads the workspace and never creates or migrates it. */
export async function preparePlan(
  io: Io,
  options: { config: string; baseConfig?: string; allowRemovals?: boolean },
  access: { write: boolean },
): Promise<Prepared> {
  const validation = validateConfig(options.config, { cwd: io.cwd });
  io.err(renderDiagnostics(validation.diagnostics, 'text'));
  if (!validation.ok || !validation.model || !validation.desired) {
    throw new CliError(
      'invalid-config',
      `${options.config} is invalid; nothing was read from or changed in the workspace`,
    );
  }
  const chosen = chooseProvider(io, validation.model, options.baseConfig);
  const provider = openProvider(chosen.provider, io, access);
  try {
    const [actor, snapshot] = [await provider.whoami(), await provider.snapshot()];
    const plan = makePlan({
      desired: validation.desired,
      actual: snapshot.state,
      stateVersion: snapshot.version,
      policy: validation.model.policy,
      actor,
      capabilities: provider.capabilities,
      provider: provider.description,
      today: todayUtc(),
      allowRemovals: options.allowRemovals ?? false,
    });
    if (chosen.warning) plan.warnings.unshift(chosen.warning);
    return { plan, provider, validation: { model: validation.model, desired: validation.desired } };
  } catch (error) {
    await provider.close();
    throw error;
  }
}
