// The base branch's config, read without touching the working tree. On a pull request the head's
// config is the proposal; who may approve it (members' github logins and roles) and which
// workspace it is planned against (the provider block) come from the base branch, which the
// pull request's author cannot change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDesired } from '../config/desired.js';
import type { Diagnostic } from '../config/diagnostic.js';
import { providerConfig } from '../config/load.js';
import type { ProviderConfig } from '../config/model.js';
import { validateConfig } from '../config/validate.js';
import { todayUtc } from '../model/dates.js';
import type { BaseMember } from './approvals.js';
import { steeringBlocks, type SteeringBlocks } from './config-blocks.js';
import { configFilePaths } from './config-diff.js';
import { checkoutTreeInto } from './git-refs.js';

export type RawProviderBlock = Record<string, unknown> | undefined;

export interface BaseConfig {
  /** The base tree has the root config, and it loads (rules may still fail: see diagnostics). */
  found: boolean;
  /** Everything in diagnostics is at most a warning. */
  ok: boolean;
  /** Members as of today (expired entries left out), even when a rule fails. */
  members: BaseMember[];
  /** The provider, relative paths resolved against the repository checkout (not the temp copy). */
  provider?: ProviderConfig;
  /** The provider block as written, to compare with the head's (see chooseProvider). */
  rawProvider: RawProviderBlock;
  /** Provider, policy and settings: a pull request changing them needs an owner (config-blocks.ts). */
  blocks?: SteeringBlocks;
  /** Config files (root and included), relative to the repository root with "/" separators. */
  files: string[];
  /** Files named relative to the repository root, as in the working tree. */
  diagnostics: Diagnostic[];
  /** The root config in the temporary copy, valid until cleanup(). */
  rootPath: string;
  cleanup(): void;
}

/**
 * `configPath` is relative to the repository root. The caller calls cleanup() when done; the
 * temporary copy is removed on failure here.
 */
export async function readBaseConfig(
  repoDir: string,
  ref: string,
  configPath: string,
  options: { today?: string } = {},
): Promise<BaseConfig> {
  const temp = mkdtempSync(join(tmpdir(), 'roster-base-'));
  const cleanup = () => rmSync(temp, { recursive: true, force: true });
  try {
    const tree = join(temp, 'tree');
    await checkoutTreeInto(repoDir, ref, tree, join(temp, 'index'));
    const rootPath = resolve(tree, configPath);
    const today = options.today ?? todayUtc();
    const result = validateConfig(rootPath, { cwd: tree, today });
    // A base that breaks the schema is not read at all (its provider block could be anything);
    // one that only breaks rules still is, so that a fix for it can be approved.
    const model = result.model?.skipped ? undefined : result.model;
    const rawProvider = (model?.root.data as { provider?: RawProviderBlock } | undefined)?.provider;
    return {
      found: model !== undefined,
      ok: result.ok,
      members: model
        ? buildDesired(model, today).members.map(({ email, role, github }) => ({ email, role, github }))
        : [],
      ...(model ? { provider: providerConfig(rawProvider, { absolutePath: resolve(repoDir, configPath) }) } : {}),
      rawProvider,
      ...(model ? { blocks: steeringBlocks(model) } : {}),
      files: model ? configFilePaths(model, tree) : [],
      diagnostics: result.diagnostics,
      rootPath,
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
