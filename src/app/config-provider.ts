// Which provider a command talks to. A pull request may change its config's provider block, but
// the workspace a pull request is planned and applied against is the base branch's: with
// --base-config, the provider comes from that file, and a change of it is shown as a warning for
// an owner to apply from a terminal.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { providerConfig } from '../config/load.js';
import { DEFAULT_STATE_PATH, type ConfigModel, type ProviderConfig } from '../config/model.js';
import { readConfigFile } from '../config/yaml-file.js';
import type { PlanWarning } from '../plan/types.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { bindEndpoint, ROSTER_CREDENTIAL } from './credentials.js';
import { AppError } from './errors.js';
import type { AppIo } from './io.js';

type RawProvider = Record<string, unknown> | undefined;

/** The provider block of a config file; `fallback` when there is no such file. */
export function readProviderOf(
  io: AppIo,
  configPath: string,
  fallback?: 'local-default',
): { provider: ProviderConfig; raw: RawProvider } {
  const absolute = resolve(io.cwd, configPath);
  if (!existsSync(absolute)) {
    if (fallback)
      return { provider: { type: 'local', path: resolve(dirname(absolute), DEFAULT_STATE_PATH) }, raw: undefined };
    throw new AppError('config-not-found', `cannot read ${configPath}: it does not exist`);
  }
  const { file, diagnostics } = readConfigFile(absolute, configPath);
  if (!file) {
    io.log(renderDiagnostics(diagnostics, 'text'));
    throw new AppError('invalid-config', `cannot read the provider from ${configPath}`);
  }
  const raw = (file.data as { provider?: RawProvider } | null)?.provider;
  return { provider: providerConfig(raw, file), raw };
}

/** The provider block of the base branch's config, read by the caller (the action reads it with git). */
export interface BaseProvider {
  /** How the warning names it: "the base branch (main)". */
  name: string;
  provider: ProviderConfig;
  raw: RawProvider;
}

/** The config's own provider, or the base config's with a warning when the two differ. */
export function chooseProvider(
  io: AppIo,
  model: ConfigModel,
  baseConfig: string | BaseProvider | undefined,
): { provider: ProviderConfig; warning?: PlanWarning } {
  if (baseConfig === undefined) return { provider: model.provider };
  const base = typeof baseConfig === 'string' ? { ...readProviderOf(io, baseConfig), name: baseConfig } : baseConfig;
  const own = (model.root.data as { provider?: RawProvider }).provider;
  if (sameProviderBlock(own, base.raw)) return { provider: base.provider };
  if (restoresEndpoint(io.env, base.provider, model.provider)) {
    return {
      provider: model.provider,
      warning: {
        code: 'provider-restored',
        message: `the provider of ${base.name} names a workspace URL that ROSTER_URL does not allow, so no plan could reach it; this config's provider is the one ROSTER_URL allows, so it is planned against that workspace`,
      },
    };
  }
  return {
    provider: base.provider,
    warning: {
      code: 'provider-change-not-applied',
      message: `this config changes the provider block, but a pull request is planned and applied against the provider of ${base.name}. An owner applies a provider change from a terminal, after it is merged`,
    },
  };
}

/**
 * The base's http provider names a URL the environment refuses (ROSTER_URL binds ROSTER_TOKEN
 * elsewhere), so every plan against it fails, the revert of that change included; the config's
 * own block is accepted there. It can only point at the endpoint the environment already allows,
 * so choosing it sends the token nowhere new: the way out of a broken base.
 */
function restoresEndpoint(env: NodeJS.ProcessEnv, base: ProviderConfig, own: ProviderConfig): boolean {
  if (base.type !== 'http' || own.type !== 'http' || !env[ROSTER_CREDENTIAL.urlVar]) return false;
  return !bindsTo(env, base.url) && bindsTo(env, own.url);
}

function bindsTo(env: NodeJS.ProcessEnv, url: string | undefined): boolean {
  try {
    bindEndpoint(ROSTER_CREDENTIAL, url, env);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** Equal blocks once defaults are filled in; relative paths compare as written. */
export function sameProviderBlock(a: RawProvider, b: RawProvider): boolean {
  const where = { absolutePath: resolve('/', 'roster.yaml') };
  return JSON.stringify(providerConfig(a, where)) === JSON.stringify(providerConfig(b, where));
}
