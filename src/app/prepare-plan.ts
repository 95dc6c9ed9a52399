// The plan use case, shared by plan and apply in the CLI and the action: validate the config, read
// the workspace, make the plan.
import { dirname } from 'node:path';
import { validateConfig, type ValidationResult } from '../config/validate.js';
import { todayUtc } from '../model/dates.js';
import type { DeliveryMode } from '../plan/guards.js';
import { makePlan } from '../plan/make-plan.js';
import type { Plan } from '../plan/types.js';
import type { Provider } from '../providers/provider.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { type BaseProvider, chooseProvider } from './config-provider.js';
import { AppError } from './errors.js';
import type { AppIo } from './io.js';
import { pipefyDeclarations } from './pipefy-declarations.js';
import { openProvider } from './provider-factory.js';

export interface Prepared {
  plan: Plan;
  provider: Provider;
  validation: Required<Pick<ValidationResult, 'model' | 'desired'>>;
}

export interface PrepareOptions {
  /** The root config file, relative to `io.cwd`. */
  config: string;
  /** Take the provider from this file, or this block (the base branch's config), instead of `config`'s. */
  baseConfig?: string | BaseProvider;
  allowRemovals?: boolean;
  allowMassChanges?: boolean;
  /** Where new secrets can go: files (the CLI, the default) or GitHub repository secrets (the action). */
  delivery?: DeliveryMode;
  /** A pull request's plan: applied on merge with another key, so this key's role does not block it. */
  review?: boolean;
}

/**
 * Validates (diagnostics go to `io.log`), opens the provider and plans. The caller closes
 * `provider`. `write` is for apply only: a plan reads the workspace and never creates or migrates it.
 */
export async function preparePlan(io: AppIo, options: PrepareOptions, access: { write: boolean }): Promise<Prepared> {
  const validation = validateConfig(options.config, { cwd: io.cwd });
  if (io.diagnostics) io.diagnostics(validation.diagnostics);
  else io.log(renderDiagnostics(validation.diagnostics, 'text'));
  if (!validation.ok || !validation.model || !validation.desired) {
    throw new AppError(
      'invalid-config',
      `${options.config} is invalid; nothing was read from or changed in the workspace`,
    );
  }
  const chosen = chooseProvider(io, validation.model, options.baseConfig);
  const provider = await openProvider(
    chosen.provider,
    io,
    access,
    pipefyDeclarations(validation.model, validation.desired),
  );
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
      allowMassChanges: options.allowMassChanges ?? false,
      delivery: options.delivery ?? 'file',
      review: options.review ?? false,
      configDir: dirname(validation.model.root.absolutePath),
      ...(snapshot.unknownPipeLevels ? { unknownPipeLevels: snapshot.unknownPipeLevels } : {}),
      ...(snapshot.unknownRoles ? { unknownRoles: snapshot.unknownRoles } : {}),
    });
    if (chosen.warning) plan.warnings.unshift(chosen.warning);
    if (snapshot.isNew) plan.newWorkspace = true;
    if (snapshot.scopes) plan.scopes = snapshot.scopes;
    return { plan, provider, validation: { model: validation.model, desired: validation.desired } };
  } catch (error) {
    await provider.close();
    throw error;
  }
}
